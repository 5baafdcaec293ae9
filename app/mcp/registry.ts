import type { Tool } from "@modelcontextprotocol/server";
import { z } from "zod";
import { withArrayMaxima } from "./bounded-args.js";
import { CONFIRM_ARGUMENT } from "./confirm.js";
import { compactSchema } from "./json-schema-compact.js";
import { forwardingAnnotations, listedTools, type Surface, surfaceKey } from "./surface.js";
import type { ToolDefinition } from "./tool.js";

// Each tool's JSON Schemas are converted once, the first time a listing needs that tool, and never
// again; a request only picks the memoised listing for its surface. Converting lazily rather than
// at start keeps the schemas of tools this server never lists from costing start-up time (a cold
// Cloud Run instance answers sooner) or memory.

export interface RegisteredTool {
  def: ToolDefinition;
  /** The arguments as called: a destructive tool also takes `confirm` (see confirm.ts). */
  input: ToolDefinition["input"];
  listing: Tool;
}

const NAME = /^devrev_[a-z0-9]+(_[a-z0-9]+)*$/;

export class ToolRegistry {
  readonly tools: ReadonlyMap<string, RegisteredTool>;
  private readonly listings = new Map<string, Tool[]>();

  constructor(definitions: readonly ToolDefinition[]) {
    const tools = new Map<string, RegisteredTool>();
    for (const def of definitions) {
      if (!NAME.test(def.name))
        throw new Error(`tool name "${def.name}" must look like devrev_<noun>_<verb>`);
      if (tools.has(def.name)) throw new Error(`tool "${def.name}" is declared twice`);
      let listing: Tool | undefined;
      // Destructive tools also take `confirm`, for clients that cannot ask the user (confirm.ts);
      // devrev_call_tool passes it inside the arguments of the tool it runs.
      const input =
        def.annotations.destructiveHint && !def.forwards
          ? def.input.extend({ confirm: z.boolean().optional().describe(CONFIRM_ARGUMENT) })
          : def.input;
      tools.set(def.name, {
        def,
        input,
        get listing() {
          listing ??= toListing(def, input);
          return listing;
        },
      });
    }
    this.tools = tools;
  }

  get(name: string): RegisteredTool | undefined {
    return this.tools.get(name);
  }

  list(surface: Surface): Tool[] {
    const key = surfaceKey(surface);
    let listing = this.listings.get(key);
    if (!listing) {
      const defs = [...this.tools.values()].map((t) => t.def);
      listing = listedTools(defs, surface).map((def) => {
        const { listing } = this.tools.get(def.name) as RegisteredTool;
        // What devrev_call_tool may run depends on the surface, and so do its honest hints.
        return def.forwards ? { ...listing, annotations: forwardingAnnotations(defs, surface) } : listing;
      });
      // Surfaces come from a handful of configs and headers; cap anyway so odd headers can't grow it.
      if (this.listings.size < 256) this.listings.set(key, listing);
    }
    return listing;
  }
}

function toListing(def: ToolDefinition, input: ToolDefinition["input"]): Tool {
  const listing: Tool = {
    name: def.name,
    title: def.title,
    description: def.description,
    // Every array's maximum, as callTool enforces it (bounded-args.ts).
    inputSchema: withArrayMaxima(jsonSchema(input, "input")) as Tool["inputSchema"],
    // The title is already on the tool; repeating it in annotations costs every client context.
    annotations: { ...def.annotations },
  };
  // Output schemas are advertised for reads only, and only their top level: still a true contract
  // a client can validate structuredContent against, for a fraction of the bytes. The full zod
  // schema checks every result in the catalogue tests; writes answer in text a model reads.
  if (def.output && def.annotations.readOnlyHint) {
    listing.outputSchema = topLevel(jsonSchema(def.output, "output")) as Tool["outputSchema"];
  }
  return listing;
}

function topLevel(schema: Record<string, unknown>): Record<string, unknown> {
  const props = (schema.properties ?? {}) as Record<string, { type?: unknown }>;
  return {
    type: "object",
    properties: Object.fromEntries(
      Object.entries(props).map(([k, p]) => [k, p.type ? { type: p.type } : {}]),
    ),
    ...(Array.isArray(schema.required) && schema.required.length ? { required: schema.required } : {}),
  };
}

function jsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    target: "draft-7",
    io,
    unrepresentable: "any",
  });
  return compactSchema(rest) as Record<string, unknown>;
}
