import type { Tool } from "@modelcontextprotocol/server";
import { z } from "zod";
import { toolsetIconUrl } from "../tools/toolset-icons.js";
import { withArrayMaxima } from "./bounded-args.js";
import { CONFIRM_ARGUMENT } from "./confirm.js";
import { compactSchema } from "./json-schema-compact.js";
import { forwardingAnnotations, listedTools, type Surface, surfaceKey } from "./surface.js";
import type { ToolAnnotations, ToolDefinition } from "./tool.js";

// Each tool's JSON Schemas are converted once, the first time a listing needs that tool, and never
// again; a request only picks the memoised listing for its surface. Converting lazily rather than
// at start keeps the schemas of tools this server never lists from costing start-up time (a cold
// Cloud Run instance answers sooner) or memory.

export interface RegisteredTool {
  def: ToolDefinition;
  /** The arguments as called: a destructive tool also takes `confirm` (see confirm.ts). */
  input: ToolDefinition["input"];
  /** What tools/list says of the tool, without an icon. */
  listing: Tool;
  /** The same with its toolset's icon, when the server has a URL to serve icons from. */
  iconListing: Tool;
}

const NAME = /^devrev_[a-z0-9]+(_[a-z0-9]+)*$/;

/**
 * What a tools/list result may weigh, in bytes of its JSON (issue 14): the everyday surface, and
 * every tool enabled. test/tools/listing-size.test.ts measures both as served.
 */
export const LISTING_BUDGET_BYTES = { default: 20 * 1024, all: 60 * 1024 } as const;

export interface RegistryOptions {
  /**
   * The server's public base URL (origin, no trailing slash), asked when a listing is first
   * built: each tool then carries its toolset's icon, served at <base>/icons/<toolset>.svg.
   * Without one (stdio, or HTTP that does not know the URL clients reach it by) no tool carries
   * an icon: inline data: URIs would weigh ~360 bytes on every tool (docs/writing-tools.md).
   */
  iconBase?: () => string | undefined;
}

export class ToolRegistry {
  readonly tools: ReadonlyMap<string, RegisteredTool>;
  private readonly listings = new Map<string, Tool[]>();
  private readonly iconBase: () => string | undefined;

  constructor(definitions: readonly ToolDefinition[], options: RegistryOptions = {}) {
    const iconBase = options.iconBase ?? (() => undefined);
    this.iconBase = iconBase;
    const tools = new Map<string, RegisteredTool>();
    for (const def of definitions) {
      if (!NAME.test(def.name))
        throw new Error(`tool name "${def.name}" must look like devrev_<noun>_<verb>`);
      if (tools.has(def.name)) throw new Error(`tool "${def.name}" is declared twice`);
      let listing: Tool | undefined;
      let iconListing: Tool | undefined;
      // Destructive tools also take `confirm`, for clients that cannot ask the user (confirm.ts);
      // devrev_call_tool passes it inside the arguments of the tool it runs.
      const input =
        def.annotations.destructiveHint && !def.forwards
          ? def.input.extend({ confirm: z.boolean().optional().describe(CONFIRM_ARGUMENT) })
          : def.input;
      const plain = (): Tool => {
        listing ??= toListing(def, input);
        return listing;
      };
      tools.set(def.name, {
        def,
        input,
        get listing() {
          return plain();
        },
        get iconListing() {
          if (!iconListing) {
            const base = iconBase();
            // The server answers with Content-Type image/svg+xml, so no mimeType (26 bytes a tool).
            iconListing = base
              ? { ...plain(), icons: [{ src: toolsetIconUrl(base, def.toolset) }] }
              : plain();
          }
          return iconListing;
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
      const shown = listedTools(defs, surface).map((def) => this.tools.get(def.name) as RegisteredTool);
      // What devrev_call_tool may run depends on the surface, and so do its honest hints.
      const hinted = (t: RegisteredTool, listing: Tool): Tool =>
        t.def.forwards
          ? { ...listing, annotations: advertisedHints(forwardingAnnotations(defs, surface)) }
          : listing;
      listing = shown.map((t) => hinted(t, t.iconListing));
      // Icons are for people; every byte of the rest is read by the model. So the icons go
      // first when a listing would pass the cap with them: all 85 tools carry none (they would
      // add ~6.7 KB at a Cloud Run URL's length), the default surface and most selections do.
      if (this.iconBase() && listingBytes(listing) > LISTING_BUDGET_BYTES.all) {
        listing = shown.map((t) => hinted(t, t.listing));
      }
      // Surfaces come from a handful of configs and headers; cap anyway so odd headers can't grow it.
      if (this.listings.size < 256) this.listings.set(key, listing);
    }
    return listing;
  }
}

/** The bytes of a tools/list result carrying `tools`, as JSON-RPC sends it. */
export function listingBytes(tools: readonly Tool[]): number {
  return Buffer.byteLength(JSON.stringify({ tools }), "utf8");
}

function toListing(def: ToolDefinition, input: ToolDefinition["input"]): Tool {
  return {
    name: def.name,
    title: def.title,
    description: def.description,
    // Every array's maximum, as callTool enforces it (bounded-args.ts).
    inputSchema: withArrayMaxima(jsonSchema(input, "input")) as Tool["inputSchema"],
    annotations: advertisedHints(def.annotations),
    // Every tool advertises its output schema, and only its top level (see topLevel).
    outputSchema: topLevel(jsonSchema(def.output, "output")) as Tool["outputSchema"],
  };
}

/**
 * The hints as listed: each one said only where it differs from the MCP default (readOnlyHint
 * false, destructiveHint true, idempotentHint false, openWorldHint true), so a client that applies
 * the spec's defaults reads exactly what the tool declares, for a quarter of the bytes. Two are
 * kept although they equal a default: a write always states destructiveHint, because a client that
 * treats a missing hint as false would otherwise take a delete for harmless; and the hints that
 * mean nothing on a read-only tool (destructive, idempotent) are left off it.
 */
export function advertisedHints(a: ToolAnnotations): NonNullable<Tool["annotations"]> {
  return {
    ...(a.readOnlyHint ? { readOnlyHint: true } : { destructiveHint: a.destructiveHint }),
    ...(!a.readOnlyHint && a.idempotentHint ? { idempotentHint: true } : {}),
    ...(a.openWorldHint ? {} : { openWorldHint: false }),
  };
}

/**
 * The top level of an output schema: each property with its type, and which are required. Still
 * a true contract (a client can validate structuredContent against it, and the v2 client does),
 * for a fraction of the bytes of the whole tree, which would not fit tools/list's budget
 * (test/tools/listing-size.test.ts). The full zod schema checks every result in the catalogue tests.
 */
function topLevel(schema: Record<string, unknown>): Record<string, unknown> {
  const props = Object.entries((schema.properties ?? {}) as Record<string, { type?: unknown }>);
  return {
    type: "object",
    ...(props.length
      ? { properties: Object.fromEntries(props.map(([k, p]) => [k, p.type ? { type: p.type } : {}])) }
      : {}),
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
