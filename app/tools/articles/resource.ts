import { defineResource } from "../../mcp/resource.js";
import { expectKind } from "../shared/ids.js";
import { renderArticleDetail, toArticleDetail } from "./article-shape.js";

export const articleResource = defineResource({
  name: "article",
  title: "Knowledge-base article",
  description: "A DevRev article's text and metadata, by display id (ART-12) or don: id",
  uri: "devrev://articles/{id}",
  mimeType: "text/markdown",
  async read(params, ctx) {
    const ref = expectKind(params.id ?? "", ["article"], "an article");
    const { article } = await ctx.call("articles.get", { id: ref.id });
    return renderArticleDetail(toArticleDetail(article, 16_000));
  },
  complete: {
    async id(value, ctx) {
      const { articles } = await ctx.call("articles.list", { limit: 50 });
      // An id prefix ("ART-1") or a word of the title ("refund").
      const typed = value.trim().toLowerCase();
      return articles
        .filter(
          (a) =>
            (a.display_id ?? a.id).toLowerCase().startsWith(typed) ||
            (typed.length > 2 && (a.title ?? "").toLowerCase().includes(typed)),
        )
        .map((a) => a.display_id ?? a.id);
    },
  },
});
