import { z } from "zod";
import { confirmQuestion } from "../../mcp/confirm.js";
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
  operations: ["articles.get", "articles.delete"],
  async handler(args, ctx) {
    const ref = expectKind(args.id, ["article"], "an article");
    const { article } = await ctx.call("articles.get", { id: ref.id });
    await ctx.confirm(confirmQuestion("Delete the article", article.display_id ?? ref.id, article.title));
    await ctx.call("articles.delete", { id: ref.id });
    return { text: `Deleted article ${ref.id}.`, structured: { deleted: ref.id } };
  },
});
