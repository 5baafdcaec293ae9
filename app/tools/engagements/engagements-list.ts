import { z } from "zod";
import { clampLimit } from "../../devrev/paginate.js";
import { defineTool } from "../../mcp/tool.js";
import { cursorInput, limitInput, normaliseSortBy, sortByInput } from "../shared/inputs.js";
import { LOOKUP_OPERATIONS } from "../shared/lookup.js";
import { listOutput } from "../shared/page.js";
import { engagementFilterBody, engagementFilters, FILTER_OPERATIONS } from "./engagement-inputs.js";
import { engagementSchema, renderEngagementLine, toEngagement } from "./engagement-shape.js";

export const engagementsList = defineTool({
  name: "devrev_engagements_list",
  title: "List or count engagements",
  toolset: "engagements",
  description:
    "List or count customer engagements (calls, meetings, e-mails) by kind, participant or parent account or " +
    "opportunity; count_only just counts them.",
  input: z.object({
    ...engagementFilters,
    count_only: z.boolean().optional(),
    sort_by: sortByInput,
    cursor: cursorInput,
    limit: limitInput,
  }),
  output: z.object({
    items: z.array(engagementSchema).optional(),
    count: z.number().int(),
    next_cursor: z.string().optional(),
    truncated: z.boolean().optional(),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["engagements.list", "engagements.count", ...FILTER_OPERATIONS, ...LOOKUP_OPERATIONS.user],
  beta: true,
  async handler(args, ctx) {
    const filters = await engagementFilterBody(args, ctx);
    if (args.count_only) {
      const { count } = await ctx.call("engagements.count", filters);
      const what = Object.keys(filters).length ? "match these filters" : "exist";
      return { text: `${count} engagement(s) ${what}.`, structured: { count } };
    }
    const sortBy = normaliseSortBy(args.sort_by);
    const body = {
      limit: clampLimit(args.limit),
      ...(args.cursor ? { cursor: args.cursor } : {}),
      ...filters,
      ...(sortBy ? { sort_by: sortBy } : {}),
    };
    const res = await ctx.call("engagements.list", body);
    const items = res.engagements.map((e) => toEngagement(e));
    return listOutput(items, {
      line: renderEngagementLine,
      empty: "No engagements match these filters.",
      noun: "engagements",
      nextCursor: res.next_cursor,
    });
  },
});
