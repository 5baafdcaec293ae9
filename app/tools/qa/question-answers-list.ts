import { z } from "zod";
import { clampLimit } from "../../devrev/paginate.js";
import { defineTool } from "../../mcp/tool.js";
import { expectKind } from "../shared/ids.js";
import { cursorInput, limitInput } from "../shared/inputs.js";
import { LOOKUP_OPERATIONS } from "../shared/lookup.js";
import { listOutput, pageOutput } from "../shared/page.js";
import { resolvePartIds, resolveUserIds } from "../shared/resolve.js";
import { qaSummarySchema, renderQaLine, toQaSummary } from "./qa-shape.js";

export const questionAnswersList = defineTool({
  name: "devrev_question_answers_list",
  title: "List question-answers",
  toolset: "qa",
  description: "List question-answer pairs (QA-3) by part, source article or owner.",
  input: z.object({
    applies_to_parts: z.array(z.string().min(1)).max(10).optional(),
    applies_to_articles: z.array(z.string().min(1)).max(10).optional(),
    owned_by: z.array(z.string().min(1)).max(10).optional(),
    cursor: cursorInput,
    limit: limitInput,
  }),
  output: pageOutput(qaSummarySchema),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["question-answers.list", ...LOOKUP_OPERATIONS.user, ...LOOKUP_OPERATIONS.part],
  beta: true,
  async handler(args, ctx) {
    const body = {
      limit: clampLimit(args.limit),
      ...(args.cursor ? { cursor: args.cursor } : {}),
      ...(args.applies_to_parts?.length
        ? { applies_to_parts: await resolvePartIds(args.applies_to_parts, ctx, "applies_to_parts") }
        : {}),
      ...(args.applies_to_articles?.length
        ? {
            applies_to_articles: args.applies_to_articles.map(
              (a) => expectKind(a, ["article"], "an article").id,
            ),
          }
        : {}),
      ...(args.owned_by?.length ? { owned_by: await resolveUserIds(args.owned_by, ctx) } : {}),
    };
    const res = await ctx.call("question-answers.list", body);
    const items = res.question_answers.map((q) => toQaSummary(q));
    return listOutput(items, {
      line: renderQaLine,
      empty: "No question-answers match these filters.",
      noun: "question-answers",
      nextCursor: res.next_cursor,
    });
  },
});
