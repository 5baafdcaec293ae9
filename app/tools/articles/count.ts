import { z } from "zod";
import { unwrap } from "../../devrev/client.js";
import { defineTool } from "../../mcp/tool.js";
import { articleFilterBody, articleFilters, FILTER_OPERATIONS } from "./filters.js";

export const articlesCount = defineTool({
  name: "devrev_articles_count",
  title: "Count articles",
  toolset: "articles",
  description:
    "Count knowledge-base articles matching filters (part, author, owner, status) without listing them, e.g. " +
    '"how many published articles cover PROD-1?". Beta DevRev API.',
  input: z.object(articleFilters),
  output: z.object({ count: z.number().int() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["articles.count", ...FILTER_OPERATIONS],
  beta: true,
  async handler(args, ctx) {
    const body = await articleFilterBody(args, ctx);
    const { count } = await unwrap(ctx.devrev.api.POST("/articles.count", { body, signal: ctx.signal }));
    const what = Object.keys(body).length ? "match these filters" : "exist";
    return { text: `${count} article(s) ${what}.`, structured: { count } };
  },
});
