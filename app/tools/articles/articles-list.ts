import { z } from "zod";
import { clampLimit } from "../../devrev/paginate.js";
import { defineTool } from "../../mcp/tool.js";
import { cursorInput, limitInput } from "../shared/inputs.js";
import { LOOKUP_OPERATIONS } from "../shared/lookup.js";
import { listOutput } from "../shared/page.js";
import { articleSummarySchema, renderArticleLine, toArticleSummary } from "./article-shape.js";
import { articleFilterBody, articleFilters, FILTER_OPERATIONS } from "./filters.js";

export const articlesList = defineTool({
  name: "devrev_articles_list",
  title: "List or count articles",
  toolset: "articles",
  inDefault: true,
  description:
    "List knowledge-base articles by part, author, owner or status; count_only just counts them. To find " +
    'articles by words use devrev_search namespace "article".',
  input: z.object({
    ...articleFilters,
    count_only: z.boolean().optional(),
    cursor: cursorInput,
    limit: limitInput,
  }),
  output: z.object({
    items: z.array(articleSummarySchema).optional(),
    count: z.number().int(),
    total: z.number().int().optional().describe("How many articles match in all"),
    next_cursor: z.string().optional(),
    truncated: z.boolean().optional(),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["articles.list", ...FILTER_OPERATIONS, ...LOOKUP_OPERATIONS.user, ...LOOKUP_OPERATIONS.part],
  async handler(args, ctx) {
    const filters = await articleFilterBody(args, ctx);
    if (args.count_only) {
      // The list answer's `total` is the count, in the public API (articles.count is beta).
      const { total } = await ctx.call("articles.list", { ...filters, limit: 1 });
      const what = Object.keys(filters).length ? "match these filters" : "exist";
      return { text: `${total} article(s) ${what}.`, structured: { count: total, total } };
    }
    const body = {
      limit: clampLimit(args.limit),
      ...(args.cursor ? { cursor: args.cursor } : {}),
      ...filters,
    };
    const res = await ctx.call("articles.list", body);
    const items = res.articles.map(toArticleSummary);
    return listOutput(items, {
      line: renderArticleLine,
      empty: "No articles match these filters.",
      footer: `${res.total ?? items.length} article(s) match in all.`,
      noun: "articles",
      nextCursor: res.next_cursor,
      extra: typeof res.total === "number" ? { total: res.total } : {},
    });
  },
});
