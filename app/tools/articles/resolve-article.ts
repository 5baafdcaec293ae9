import type { ToolContext } from "../../mcp/tool.js";
import { expectKind } from "../shared/ids.js";

/** An article's don: id for writes; a display id (ART-12) is looked up once. */
export async function resolveArticleId(input: string, ctx: ToolContext): Promise<string> {
  const ref = expectKind(input, ["article"], "an article");
  if (ref.id.startsWith("don:")) return ref.id;
  const { article } = await ctx.call("articles.get", { id: ref.id });
  return article.id;
}
