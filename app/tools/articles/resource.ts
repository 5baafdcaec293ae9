import { unwrap } from "../../devrev/client.js";
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
    const { article } = await unwrap(
      ctx.devrev.api.POST("/articles.get", { body: { id: ref.id }, signal: ctx.signal }),
    );
    return renderArticleDetail(toArticleDetail(article, 16_000));
  },
  complete: {
    async id(value, ctx) {
      const { articles } = await unwrap(
        ctx.devrev.api.POST("/articles.list", { body: { limit: 50 }, signal: ctx.signal }),
      );
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
