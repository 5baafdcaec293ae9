import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { resolveArticleId } from "../articles/resolve-article.js";
import { requireChanges } from "../shared/changes.js";
import { LOOKUP_OPERATIONS } from "../shared/lookup.js";
import { resolvePartIds } from "../shared/resolve.js";
import { qaId, qaIdInput, qaPartsInput, qaSourcesInput } from "./qa-inputs.js";
import { QA_STATUSES, qaDetailSchema, renderQaDetail, toQaDetail } from "./qa-shape.js";

const CHANGES = ["question", "answer", "status", "verified", "topic", "applies_to_parts", "sources"] as const;

export const questionAnswersUpdate = defineTool({
  name: "devrev_question_answers_update",
  title: "Update a question-answer",
  toolset: "qa",
  description: "Change a question-answer pair; parts and sources are replaced.",
  input: z.object({
    id: qaIdInput,
    question: z.string().trim().min(1).max(2_000).optional(),
    answer: z.string().trim().min(1).max(20_000).optional(),
    status: z.enum(QA_STATUSES).optional(),
    verified: z.boolean().optional(),
    topic: z.string().max(200).optional(),
    applies_to_parts: qaPartsInput.optional(),
    sources: qaSourcesInput.optional().describe("Source articles"),
  }),
  output: z.object({ question_answer: qaDetailSchema, changed: z.array(z.string()) }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["question-answers.update", "articles.get", ...LOOKUP_OPERATIONS.part],
  beta: true,
  async handler(args, ctx) {
    const changed = requireChanges(args, CHANGES);
    const body = {
      id: qaId(args.id),
      ...(args.question !== undefined ? { question: args.question } : {}),
      ...(args.answer !== undefined ? { answer: args.answer } : {}),
      ...(args.status ? { status: args.status } : {}),
      ...(args.verified !== undefined ? { verified: args.verified } : {}),
      ...(args.topic !== undefined ? { topic: args.topic } : {}),
      ...(args.applies_to_parts
        ? {
            applies_to_parts: {
              set: await resolvePartIds(args.applies_to_parts, ctx, "applies_to_parts"),
            },
          }
        : {}),
      ...(args.sources
        ? { sources: { set: await Promise.all(args.sources.map((a) => resolveArticleId(a, ctx))) } }
        : {}),
    };
    const { question_answer } = await ctx.call("question-answers.update", body);
    const detail = toQaDetail(question_answer);
    return {
      text: `Updated ${detail.display_id ?? detail.id} (${changed.join(", ")}).\n${renderQaDetail(detail)}`,
      structured: { question_answer: detail, changed: [...changed] },
    };
  },
});
