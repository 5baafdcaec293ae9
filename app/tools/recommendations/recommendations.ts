import { z } from "zod";
import type { Schemas } from "../../devrev/types.js";
import type { ToolContext } from "../../mcp/tool.js";
import { defineTool } from "../../mcp/tool.js";
import { ToolInputError } from "../../mcp/tool-errors.js";
import { sanitizeLine, sanitizeText } from "../../util/sanitize.js";
import { expectKind, WORK_KINDS } from "../shared/ids.js";
import { strip } from "../shared/strip.js";

// recommendations.get-reply (beta) answers a question from the organisation's knowledge base
// (articles, question-answers). Given a ticket or conversation, the question is what the customer
// wrote there, so the model does not have to copy it over.

const sourceSchema = z.object({
  type: z.string(),
  id: z.string(),
  display_id: z.string().optional(),
  title: z.string().optional(),
});

const QUERY_CHARS = 2_000;
const LANGUAGE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export const recommendations = defineTool({
  name: "devrev_recommendations",
  title: "Suggest a reply",
  toolset: "recommendations",
  description:
    "Draft a reply from the knowledge base, with sources, to a `query` or to what the customer wrote on a ticket " +
    "or conversation (`object`). Review it before sending.",
  input: z.object({
    query: z.string().trim().min(1).max(QUERY_CHARS).optional(),
    object: z.string().min(1).optional(),
    language: z
      .string()
      .refine((v) => LANGUAGE.test(v), "use a BCP 47 tag such as en-US")
      .optional()
      .describe("BCP 47; default en-US"),
  }),
  output: z.object({
    reply: z.string(),
    sources: z.array(sourceSchema),
    based_on: z.string().optional().describe("The ticket or conversation the question came from"),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["recommendations.get-reply", "works.get", "conversations.get"],
  beta: true,
  async handler(args, ctx) {
    if (!args.query === !args.object)
      throw new ToolInputError("Give either query or object: exactly one must be set.");
    const from = args.object ? await questionFrom(args.object, ctx) : undefined;
    const query = from?.query ?? args.query ?? "";
    const res = await ctx.call("recommendations.get-reply", {
      query,
      ...(args.language ? { language: args.language } : {}),
    });
    const reply = sanitizeText(res.reply ?? "", 6_000);
    const sources = (res.sources ?? []).map(toSource);
    const lines = [
      from ? `Suggested reply to ${from.label}:` : "Suggested reply:",
      "",
      reply || "(DevRev suggested no reply.)",
      "",
      sources.length
        ? `Sources: ${sources.map((s) => `${s.display_id ?? s.id}${s.title ? ` ${s.title}` : ""}`).join("; ")}`
        : "No sources cited: check the answer before using it.",
    ];
    return {
      text: lines.join("\n"),
      structured: { reply, sources, ...(from ? { based_on: from.label } : {}) },
    };
  },
});

function toSource(s: Schemas["turing-sources"]) {
  const x = s as { type: string; id: string; display_id?: string; title?: string; question?: string };
  return strip({
    type: x.type,
    id: x.id,
    display_id: x.display_id,
    title: sanitizeLine(x.title ?? x.question, 160) || undefined,
  });
}

async function questionFrom(input: string, ctx: ToolContext): Promise<{ query: string; label: string }> {
  const ref = expectKind(input, [...WORK_KINDS, "conversation"], "a ticket or conversation");
  const clip = (parts: Array<string | undefined>) =>
    sanitizeText(parts.filter(Boolean).join("\n"), QUERY_CHARS);
  if (ref.kind === "conversation" || (ref.kind === "unknown" && /conversation\//.test(ref.id))) {
    const { conversation: c } = await ctx.call("conversations.get", { id: ref.id });
    // The latest message is what needs an answer; the title gives it context.
    const last = [...(c.messages ?? [])]
      .sort((a, b) => (a.created_date ?? "").localeCompare(b.created_date ?? ""))
      .at(-1) as { body?: string } | undefined;
    return { query: clip([c.title, last?.body ?? c.description]), label: c.display_id ?? c.id };
  }
  const { work } = await ctx.call("works.get", { id: ref.id });
  return { query: clip([work.title, work.body]), label: work.display_id ?? work.id };
}
