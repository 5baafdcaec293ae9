import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { qaId, qaIdInput } from "./qa-inputs.js";
import { qaDetailSchema, renderQaDetail, toQaDetail } from "./qa-shape.js";

export const questionAnswersGet = defineTool({
  name: "devrev_question_answers_get",
  title: "Get a question-answer",
  toolset: "qa",
  description: "Get one question-answer pair with its whole answer, parts and sources.",
  input: z.object({ id: qaIdInput }),
  output: z.object({ question_answer: qaDetailSchema }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["question-answers.get"],
  beta: true,
  async handler(args, ctx) {
    const { question_answer } = await ctx.call("question-answers.get", { id: qaId(args.id) });
    const detail = toQaDetail(question_answer);
    return { text: renderQaDetail(detail), structured: { question_answer: detail } };
  },
});
