import { type Resource, type ResourceTemplateType, UriTemplate } from "@modelcontextprotocol/server";
import type { Completer } from "../tools/shared/completion.js";
import type { ToolContext } from "./tool.js";

/** A resource returns real DevRev data, rendered as text a model can read directly. */
export interface ResourceDefinition {
  name: string;
  title: string;
  description: string;
  /** A fixed URI (`devrev://me`) or an RFC 6570 template (`devrev://works/{id}`). */
  uri: string;
  mimeType: string;
  beta?: boolean;
  read(params: Record<string, string>, ctx: ToolContext): Promise<string>;
  /** Suggestions for a template variable, for `completion/complete`. */
  complete?: Record<string, Completer>;
}

export function defineResource(def: ResourceDefinition): ResourceDefinition {
  return def;
}

interface Compiled {
  def: ResourceDefinition;
  template: UriTemplate | undefined;
}

export class ResourceRegistry {
  private readonly compiled: Compiled[];
  readonly fixed: Resource[];
  readonly templates: ResourceTemplateType[];

  constructor(defs: readonly ResourceDefinition[]) {
    this.compiled = defs.map((def) => ({
      def,
      template: UriTemplate.isTemplate(def.uri) ? new UriTemplate(def.uri) : undefined,
    }));
    this.fixed = this.compiled
      .filter((c) => !c.template)
      .map(({ def }) => ({
        uri: def.uri,
        name: def.name,
        title: def.title,
        description: def.description,
        mimeType: def.mimeType,
      }));
    this.templates = this.compiled
      .filter((c) => c.template)
      .map(({ def }) => ({
        uriTemplate: def.uri,
        name: def.name,
        title: def.title,
        description: def.description,
        mimeType: def.mimeType,
      }));
  }

  match(uri: string): { def: ResourceDefinition; params: Record<string, string> } | undefined {
    for (const { def, template } of this.compiled) {
      if (!template) {
        if (def.uri === uri) return { def, params: {} };
        continue;
      }
      const vars = template.match(uri);
      if (vars) {
        const params = Object.fromEntries(
          Object.entries(vars).map(([k, v]) => [k, decodeURIComponent(Array.isArray(v) ? v.join(",") : v)]),
        );
        return { def, params };
      }
    }
    return undefined;
  }

  byTemplate(uriTemplate: string): ResourceDefinition | undefined {
    return this.compiled.find((c) => c.def.uri === uriTemplate)?.def;
  }
}
