import type { GetPromptResult, Prompt } from "@modelcontextprotocol/server";
import type { z } from "zod";
import type { Completer } from "../tools/shared/completion.js";
import { needsRefusal, type Surface, surfaceKey } from "./surface.js";
import type { AnyZodObject, ToolContext, ToolDefinition } from "./tool.js";

/**
 * A prompt fetches what it talks about and embeds it, so the model starts from the facts instead of
 * being told to go and look. Prompt arguments are strings on the wire; the zod schema validates them.
 */
export interface PromptDefinition<A extends AnyZodObject = AnyZodObject> {
  name: string;
  title: string;
  description: string;
  args: A;
  /** Descriptions per argument, shown by clients in their prompt forms. */
  argDescriptions: Record<keyof z.output<A> & string, string>;
  /**
   * The tools that read the data the prompt embeds: the prompt (its listing, text and
   * completions) is there only where every one of them may be called. Optional sections check
   * `canCall` instead, and tools the text proposes are named through `proposeCalls`.
   */
  needs: readonly string[];
  get(args: z.output<A>, ctx: ToolContext): Promise<GetPromptResult>;
  /** Suggestions per argument, for `completion/complete` with a prompt reference. */
  complete?: Partial<Record<keyof z.output<A> & string, Completer>>;
}

export function definePrompt<A extends AnyZodObject>(def: PromptDefinition<A>): PromptDefinition<A> {
  return def;
}

type Lookup = (tool: string) => ToolDefinition | undefined;

export class PromptRegistry {
  readonly prompts: ReadonlyMap<string, PromptDefinition>;
  private readonly all: Prompt[];
  private readonly listings = new Map<string, Prompt[]>();

  constructor(
    private readonly defs: readonly PromptDefinition[],
    private readonly lookup: Lookup,
  ) {
    for (const def of defs) {
      const unknown = def.needs.filter((n) => !lookup(n));
      if (unknown.length) throw new Error(`prompt ${def.name} needs unknown tool(s) ${unknown.join(", ")}`);
    }
    this.prompts = new Map(defs.map((d) => [d.name, d]));
    this.all = defs.map((d) => ({
      name: d.name,
      title: d.title,
      description: d.description,
      arguments: Object.entries(d.args.shape).map(([name, schema]) => ({
        name,
        description: (d.argDescriptions as Record<string, string>)[name] ?? "",
        required: !(schema as z.ZodType).safeParse(undefined).success,
      })),
    }));
  }

  /** Why this surface may not use the prompt, or undefined when it may. */
  refusedReason(def: PromptDefinition, surface: Surface): string | undefined {
    return needsRefusal(def.needs, this.lookup, surface);
  }

  /** The prompts this surface may use, memoised per surface. */
  list(surface: Surface): Prompt[] {
    const key = surfaceKey(surface);
    let listing = this.listings.get(key);
    if (!listing) {
      listing = this.all.filter((_, i) => !this.refusedReason(this.defs[i] as PromptDefinition, surface));
      // Surfaces come from a handful of configs and headers; cap anyway so odd headers can't grow it.
      if (this.listings.size < 256) this.listings.set(key, listing);
    }
    return listing;
  }
}

/** Whether this request may call the tool (for a prompt's optional sections). */
export function canCall(ctx: ToolContext, name: string): boolean {
  const tool = ctx.catalog?.tools().find((t) => t.name === name);
  return tool !== undefined && ctx.catalog?.refusedReason(tool) === undefined;
}

/**
 * How this request calls a tool, for a prompt's text: a listed tool by its name, a permitted tool
 * that is not listed through devrev_call_tool, a refused one not at all (undefined).
 */
export function callForm(ctx: ToolContext, name: string): string | undefined {
  const catalog = ctx.catalog;
  const tools = catalog?.tools() ?? [];
  const tool = tools.find((t) => t.name === name);
  if (!catalog || !tool || catalog.refusedReason(tool) !== undefined) return undefined;
  if (catalog.isListed(tool)) return name;
  const forwarder = tools.find((t) => t.forwards && catalog.refusedReason(t) === undefined);
  // Without a forwarder the server still runs a permitted tool called by its name.
  return forwarder ? `${forwarder.name} with name "${name}"` : `${name} (not listed; call it by name)`;
}

/**
 * The tools a prompt proposes, named as this request can call them (see callForm): the sentence
 * to put in the prompt, or one saying the changes are for the user to make when none is callable.
 */
export function proposeCalls(ctx: ToolContext, names: readonly string[]): string {
  const forms = names.map((n) => callForm(ctx, n)).filter((f): f is string => f !== undefined);
  if (!forms.length) {
    return "This connection cannot make these changes: describe each one for the user to make in DevRev.";
  }
  const forwarded = forms.some((f) => f.includes(" with name "));
  return `Give the exact tool calls (${forms.join("; ")})${forwarded ? "; devrev_find_tools shows the inputs of tools run through devrev_call_tool" : ""}.`;
}
