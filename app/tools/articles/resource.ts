import { defineResource } from "../../mcp/resource.js";
import { completeArticleIds } from "../shared/completion-sources.js";
import { expectKind } from "../shared/ids.js";
import { renderArticleDetail, toArticleDetail } from "./article-shape.js";

export const articleResource = defineResource({
  name: "article",
  title: "Knowledge-base article",
  description: "A DevRev article's text and metadata, by display id (ART-12) or don: id",
  uri: "devrev://articles/{id}",
  mimeType: "text/markdown",
  needs: ["devrev_articles_get"],
  async read(params, ctx) {
    const ref = expectKind(params.id ?? "", ["article"], "an article");
    const { article } = await ctx.call("articles.get", { id: ref.id });
    return renderArticleDetail(toArticleDetail(article, 16_000));
  },
  complete: { id: completeArticleIds },
});
