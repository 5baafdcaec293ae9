import type { GetPromptResult, Prompt } from "@modelcontextprotocol/server";
import type { z } from "zod";
import type { Completer } from "../tools/shared/completion.js";
import type { AnyZodObject, ToolContext } from "./tool.js";

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
  get(args: z.output<A>, ctx: ToolContext): Promise<GetPromptResult>;
  /** Suggestions per argument, for `completion/complete` with a prompt reference. */
  complete?: Partial<Record<keyof z.output<A> & string, Completer>>;
}

export function definePrompt<A extends AnyZodObject>(def: PromptDefinition<A>): PromptDefinition<A> {
  return def;
}

export class PromptRegistry {
  readonly prompts: ReadonlyMap<string, PromptDefinition>;
  readonly listing: Prompt[];

  constructor(defs: readonly PromptDefinition[]) {
    this.prompts = new Map(defs.map((d) => [d.name, d]));
    this.listing = defs.map((d) => ({
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
}
