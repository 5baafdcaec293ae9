import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { expectKind } from "../shared/ids.js";

export const articlesDelete = defineTool({
  name: "devrev_articles_delete",
  title: "Delete an article",
  toolset: "articles",
  description:
    "Permanently delete an article; cannot be undone. Prefer devrev_articles_update status archived if it may " +
    "be needed again.",
  input: z.object({ id: z.string().min(1) }),
  output: z.object({ deleted: z.string() }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  operations: ["articles.delete"],
  async handler(args, ctx) {
    const ref = expectKind(args.id, ["article"], "an article");
    await ctx.call("articles.delete", { id: ref.id });
    return { text: `Deleted article ${ref.id}.`, structured: { deleted: ref.id } };
  },
});
