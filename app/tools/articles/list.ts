import { z } from "zod";
import { unwrap } from "../../devrev/client.js";
import { clampLimit } from "../../devrev/paginate.js";
import { defineTool } from "../../mcp/tool.js";
import { cursorLine } from "../shared/format.js";
import { limitInput } from "../shared/inputs.js";
import { articleSummarySchema, renderArticleLine, toArticleSummary } from "./article-shape.js";
import { articleFilterBody, articleFilters, FILTER_OPERATIONS } from "./filters.js";

export const articlesList = defineTool({
  name: "devrev_articles_list",
  title: "List knowledge-base articles",
  toolset: "articles",
  inDefault: true,
  description:
    "List DevRev knowledge-base articles, one line each (ART-12, title, status, part, authors). Filter by part, " +
    'author or owner ("me" works) and status. To find articles by words use devrev_search with namespace ' +
    '"article". Pages of `limit` (default 25, max 100); pass next_cursor back as `cursor`.',
  input: z.object({
    ...articleFilters,
    cursor: z.string().optional().describe("next_cursor from the previous page"),
    limit: limitInput,
  }),
  output: z.object({
    items: z.array(articleSummarySchema),
    count: z.number().int(),
    total: z.number().int().optional().describe("How many articles match in all"),
    next_cursor: z.string().optional(),
    truncated: z.boolean().optional(),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["articles.list", ...FILTER_OPERATIONS],
  async handler(args, ctx) {
    const body = {
      limit: clampLimit(args.limit),
      ...(args.cursor ? { cursor: args.cursor } : {}),
      ...(await articleFilterBody(args, ctx)),
    };
    const res = await unwrap(ctx.devrev.api.POST("/articles.list", { body, signal: ctx.signal }));
    const items = res.articles.map(toArticleSummary);
    const text = [
      items.length ? items.map(renderArticleLine).join("\n") : "No articles match these filters.",
      `${res.total ?? items.length} article(s) match in all.`,
      cursorLine(res.next_cursor, "articles"),
    ].join("\n");
    return {
      text,
      structured: {
        items,
        count: items.length,
        ...(typeof res.total === "number" ? { total: res.total } : {}),
        ...(res.next_cursor ? { next_cursor: res.next_cursor } : {}),
      },
    };
  },
});
