import { z } from "zod";
import { confirmQuestion } from "../../mcp/confirm.js";
import { defineTool } from "../../mcp/tool.js";
import { qaId, qaIdInput } from "./qa-inputs.js";

export const questionAnswersDelete = defineTool({
  name: "devrev_question_answers_delete",
  title: "Delete a question-answer",
  toolset: "qa",
  description: "Permanently delete a question-answer pair; cannot be undone. Archiving it (status) keeps it.",
  input: z.object({ id: qaIdInput }),
  output: z.object({ deleted: z.string() }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  operations: ["question-answers.get", "question-answers.delete"],
  beta: true,
  async handler(args, ctx) {
    const id = qaId(args.id);
    const { question_answer: qa } = await ctx.call("question-answers.get", { id });
    await ctx.confirm(confirmQuestion("Delete the question-answer", qa.display_id ?? id, qa.question));
    await ctx.call("question-answers.delete", { id });
    return { text: `Deleted question-answer ${id}.`, structured: { deleted: id } };
  },
});
