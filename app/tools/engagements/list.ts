import { z } from "zod";
import { unwrap } from "../../devrev/client.js";
import { clampLimit } from "../../devrev/paginate.js";
import { defineTool } from "../../mcp/tool.js";
import { cursorLine } from "../shared/format.js";
import { limitInput, normaliseSortBy, sortByInput } from "../shared/inputs.js";
import { engagementFilterBody, engagementFilters, FILTER_OPERATIONS } from "./engagement-inputs.js";
import { engagementSchema, renderEngagementLine, toEngagement } from "./engagement-shape.js";

export const engagementsList = defineTool({
  name: "devrev_engagements_list",
  title: "List engagements",
  toolset: "engagements",
  description:
    "List customer engagements (calls, meetings, e-mails), one line each: ENG-3, description, who logged it, " +
    'dates. Filter by kind, participant ("me") or the account/opportunity they belong to (ACC-1, OPP-2). Pages ' +
    "of `limit` (default 25, max 100) with `cursor`. Beta API.",
  input: z.object({
    ...engagementFilters,
    sort_by: sortByInput,
    cursor: z.string().optional().describe("next_cursor from the previous page"),
    limit: limitInput,
  }),
  output: z.object({
    items: z.array(engagementSchema),
    count: z.number().int(),
    next_cursor: z.string().optional(),
    truncated: z.boolean().optional(),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["engagements.list", ...FILTER_OPERATIONS],
  beta: true,
  async handler(args, ctx) {
    const sortBy = normaliseSortBy(args.sort_by);
    const body = {
      limit: clampLimit(args.limit),
      ...(args.cursor ? { cursor: args.cursor } : {}),
      ...(await engagementFilterBody(args, ctx)),
      ...(sortBy ? { sort_by: sortBy } : {}),
    };
    const res = await unwrap(ctx.devrev.api.POST("/engagements.list", { body, signal: ctx.signal }));
    const items = res.engagements.map((e) => toEngagement(e));
    const text = [
      items.length ? items.map(renderEngagementLine).join("\n") : "No engagements match these filters.",
      cursorLine(res.next_cursor, "engagements"),
    ].join("\n");
    return {
      text,
      structured: {
        items,
        count: items.length,
        ...(res.next_cursor ? { next_cursor: res.next_cursor } : {}),
      },
    };
  },
});
