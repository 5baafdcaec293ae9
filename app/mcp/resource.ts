import { type Resource, type ResourceTemplateType, UriTemplate } from "@modelcontextprotocol/server";
import type { Completer } from "../tools/shared/completion.js";
import { needsRefusal, type Surface, surfaceKey } from "./surface.js";
import type { ToolContext, ToolDefinition } from "./tool.js";
import { ToolInputError } from "./tool-errors.js";

/** A resource returns real DevRev data, rendered as text a model can read directly. */
export interface ResourceDefinition {
  name: string;
  title: string;
  description: string;
  /** A fixed URI (`devrev://me`) or an RFC 6570 template (`devrev://works/{id}`). */
  uri: string;
  mimeType: string;
  /**
   * The tools that return the same data: the resource (its listing, reads and completions) is
   * there only where every one of them may be called, so a resource never shows what a refused
   * tool would.
   */
  needs: readonly string[];
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

type Lookup = (tool: string) => ToolDefinition | undefined;

export class ResourceRegistry {
  private readonly compiled: Compiled[];
  private readonly listings = new Map<string, { fixed: Resource[]; templates: ResourceTemplateType[] }>();

  constructor(
    defs: readonly ResourceDefinition[],
    private readonly lookup: Lookup,
  ) {
    for (const def of defs) {
      const unknown = def.needs.filter((n) => !lookup(n));
      if (unknown.length) throw new Error(`resource ${def.uri} needs unknown tool(s) ${unknown.join(", ")}`);
    }
    this.compiled = defs.map((def) => ({
      def,
      template: UriTemplate.isTemplate(def.uri) ? new UriTemplate(def.uri) : undefined,
    }));
  }

  /** Why this surface may not read the resource, or undefined when it may. */
  refusedReason(def: ResourceDefinition, surface: Surface): string | undefined {
    return needsRefusal(def.needs, this.lookup, surface);
  }

  /** The fixed resources and the templates this surface may read, memoised per surface. */
  list(surface: Surface): { fixed: Resource[]; templates: ResourceTemplateType[] } {
    const key = surfaceKey(surface);
    let listing = this.listings.get(key);
    if (!listing) {
      const open = this.compiled.filter((c) => !this.refusedReason(c.def, surface));
      const describe = ({ def }: Compiled) => ({
        name: def.name,
        title: def.title,
        description: def.description,
        mimeType: def.mimeType,
      });
      listing = {
        fixed: open.filter((c) => !c.template).map((c) => ({ uri: c.def.uri, ...describe(c) })),
        templates: open.filter((c) => c.template).map((c) => ({ uriTemplate: c.def.uri, ...describe(c) })),
      };
      // Surfaces come from a handful of configs and headers; cap anyway so odd headers can't grow it.
      if (this.listings.size < 256) this.listings.set(key, listing);
    }
    return listing;
  }

  /** The resource declared with this URI or URI template. */
  byUri(uri: string): ResourceDefinition | undefined {
    return this.compiled.find((c) => c.def.uri === uri)?.def;
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
