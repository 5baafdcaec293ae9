import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { BODY_OPERATIONS, readArticleBody } from "../shared/article-body.js";
import { expectKind } from "../shared/ids.js";
import { articleDetailSchema, renderArticleDetail, toArticleDetail } from "./article-shape.js";

export const articlesGet = defineTool({
  name: "devrev_articles_get",
  title: "Get an article",
  toolset: "articles",
  inDefault: true,
  description:
    "Get one knowledge-base article with its body text (clipped at max_chars, default 6000), status, parts, " +
    "authors, url.",
  input: z.object({
    id: z.string().min(1),
    max_chars: z.number().int().min(200).max(20_000).optional(),
  }),
  output: z.object({ article: articleDetailSchema }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["articles.get", ...BODY_OPERATIONS],
  async handler(args, ctx) {
    const ref = expectKind(args.id, ["article"], "an article");
    const { article } = await ctx.call("articles.get", { id: ref.id });
    const maxChars = args.max_chars ?? 6_000;
    const body = await readArticleBody(article, ctx, maxChars);
    const detail = {
      ...toArticleDetail(article, maxChars),
      ...(body ? { body: body.text, ...(body.truncated ? { body_truncated: true } : {}) } : {}),
    };
    return { text: renderArticleDetail(detail), structured: { article: detail } };
  },
});
