import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { resolveArticleId } from "../articles/resolve-article.js";
import { LOOKUP_OPERATIONS } from "../shared/lookup.js";
import { resolvePartIds, resolveUserIds } from "../shared/resolve.js";
import { qaPartsInput, qaSourcesInput } from "./qa-inputs.js";
import { QA_STATUSES, qaDetailSchema, renderQaDetail, toQaDetail } from "./qa-shape.js";

export const questionAnswersCreate = defineTool({
  name: "devrev_question_answers_create",
  title: "Create a question-answer",
  toolset: "qa",
  description:
    "Add a question-answer pair for parts, optionally citing source articles. Draft and owned by the caller " +
    "by default.",
  input: z.object({
    question: z.string().trim().min(1).max(2_000),
    answer: z.string().trim().min(1).max(20_000),
    applies_to_parts: qaPartsInput,
    sources: qaSourcesInput.optional().describe("Source articles"),
    status: z.enum(QA_STATUSES).optional(),
    topic: z.string().max(200).optional(),
    owned_by: z.array(z.string().min(1)).min(1).max(10).optional(),
  }),
  output: z.object({ question_answer: qaDetailSchema }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  operations: [
    "question-answers.create",
    "articles.get",
    ...LOOKUP_OPERATIONS.user,
    ...LOOKUP_OPERATIONS.part,
  ],
  beta: true,
  async handler(args, ctx) {
    const body = {
      question: args.question,
      answer: args.answer,
      status: args.status ?? ("draft" as const),
      applies_to_parts: await resolvePartIds(args.applies_to_parts, ctx, "applies_to_parts"),
      owned_by: await resolveUserIds(args.owned_by ?? ["me"], ctx),
      ...(args.sources?.length
        ? { sources: await Promise.all(args.sources.map((a) => resolveArticleId(a, ctx))) }
        : {}),
      ...(args.topic ? { topic: args.topic } : {}),
    };
    const { question_answer } = await ctx.call("question-answers.create", body);
    const detail = toQaDetail(question_answer);
    return {
      text: `Created ${detail.display_id ?? detail.id}.\n${renderQaDetail(detail)}`,
      structured: { question_answer: detail },
    };
  },
});
