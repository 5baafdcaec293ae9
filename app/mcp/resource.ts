import { type Resource, type ResourceTemplateType, UriTemplate } from "@modelcontextprotocol/server";
import type { Completer } from "../tools/shared/completion.js";
import type { ToolContext } from "./tool.js";
import { ToolInputError } from "./tool-errors.js";

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

  /**
   * The resource a URI names and its decoded variables. A malformed %-escape is the caller's
   * mistake: a ToolInputError (-32602), not the URIError decodeURIComponent throws (-32603).
   */
  match(uri: string): { def: ResourceDefinition; params: Record<string, string> } | undefined {
    for (const { def, template } of this.compiled) {
      if (!template) {
        if (def.uri === uri) return { def, params: {} };
        continue;
      }
      const vars = template.match(uri);
      if (vars) {
        const params = new Map<string, string>();
        for (const [k, v] of Object.entries(vars))
          params.set(k, decodeVariable(uri, Array.isArray(v) ? v.join(",") : v));
        return { def, params: Object.fromEntries(params) };
      }
    }
    return undefined;
  }

  /**
   * The completer for one variable of a template, or undefined when the template has no
   * suggestions for it. The name comes from the client: looked up as an own property only, so
   * `__proto__`, `constructor` or `toString` never reach Object.prototype, and a name the template
   * does not have is a ToolInputError that lists the ones it does.
   */
  completer(uriTemplate: string, argument: string): Completer | undefined {
    const found = this.compiled.find((c) => c.def.uri === uriTemplate);
    if (!found?.template) return undefined;
    const names = found.template.variableNames;
    if (!names.includes(argument)) {
      throw new ToolInputError(
        `${uriTemplate} has no variable "${argument.slice(0, 80)}"; complete one of: ${names.join(", ")}.`,
      );
    }
    const complete = found.def.complete;
    return complete && Object.hasOwn(complete, argument) ? complete[argument] : undefined;
  }
}

function decodeVariable(uri: string, value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new ToolInputError(
      `The resource URI ${JSON.stringify(uri.slice(0, 200))} has a malformed %-escape in "${value.slice(0, 80)}". Percent-encode a literal "%" as %25, or pass the id unencoded.`,
    );
  }
}
