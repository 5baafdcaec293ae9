import { z } from "zod";
import { unwrap } from "../../devrev/client.js";
import { defineTool } from "../../mcp/tool.js";
import { expectKind } from "../shared/ids.js";
import { articleDetailSchema, renderArticleDetail, toArticleDetail } from "./article-shape.js";

export const articlesGet = defineTool({
  name: "devrev_articles_get",
  title: "Get an article",
  toolset: "articles",
  inDefault: true,
  description:
    "Get one knowledge-base article with its text, status, parts, authors, url and content artifacts. The id may " +
    "be ART-12, a don: id or a DevRev URL. Long text is clipped; max_chars raises the clip (up to 20000).",
  input: z.object({
    id: z.string().min(1).describe("ART-12, don:core:...:article/12 or a DevRev URL"),
    max_chars: z.number().int().min(200).max(20_000).optional().describe("Clip the text here; default 6000"),
  }),
  output: z.object({ article: articleDetailSchema }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["articles.get"],
  async handler(args, ctx) {
    const ref = expectKind(args.id, ["article"], "an article");
    const { article } = await unwrap(
      ctx.devrev.api.POST("/articles.get", { body: { id: ref.id }, signal: ctx.signal }),
    );
    const detail = toArticleDetail(article, args.max_chars ?? 6_000);
    return { text: renderArticleDetail(detail), structured: { article: detail } };
  },
});
