import { z } from "zod";
import { clampLimit } from "../../devrev/paginate.js";
import { defineTool, type ToolContext } from "../../mcp/tool.js";
import { ToolInputError } from "../../mcp/tool-errors.js";
import { boundedField, time, withinDateBounds } from "../shared/dates.js";
import { cursorInput, dateInput, limitInput, normaliseSortBy, sortByInput } from "../shared/inputs.js";
import { listOutput } from "../shared/page.js";
import { describeFilters } from "../shared/stage-filter.js";
import { WORK_FILTER_KEYS, WORK_FILTER_OPERATIONS, workFilterBody, workFilterShape } from "./filters.js";
import { renderWorkLine, toWorkSummary, workSummarySchema } from "./work-shape.js";

const input = z.object({
  ...workFilterShape,
  created_after: dateInput.optional(),
  created_before: dateInput.optional(),
  modified_after: dateInput.optional(),
  modified_before: dateInput.optional(),
  sort_by: sortByInput,
  cursor: cursorInput,
  limit: limitInput,
  count_only: z.boolean().optional().describe("Only count matches; no date bounds"),
});

const DATE_BOUNDS = ["created_after", "created_before", "modified_after", "modified_before"] as const;

const output = z.object({
  items: z.array(workSummarySchema).optional(),
  count: z.number().int(),
  more: z.boolean().optional(),
  next_cursor: z.string().optional(),
  truncated: z.boolean().optional(),
});

export const worksList = defineTool({
  name: "devrev_works_list",
  title: "List work items",
  toolset: "works",
  inDefault: true,
  description:
    "List or count (count_only) tickets, issues and tasks by filters. Date bounds sort newest first. " +
    "For the caller's open queue by urgency use devrev_works_mine.",
  input,
  output,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["works.list", "works.count", ...WORK_FILTER_OPERATIONS],
  async handler(args, ctx) {
    if (args.count_only) return countWorks(args, ctx);
    const limit = clampLimit(args.limit);
    const dateField = boundedField(args);
    const sortBy = dateField ? [`${dateField}:desc`] : normaliseSortBy(args.sort_by);
    const body = {
      limit,
      ...(args.cursor ? { cursor: args.cursor } : {}),
      ...(await workFilterBody(args, ctx)),
      ...(sortBy ? { sort_by: sortBy } : {}),
    };
    const res = await ctx.call("works.list", body);

    let works = res.works;
    let nextCursor = res.next_cursor;
    if (dateField) {
      works = works.filter(withinDateBounds(args));
      // Sorted newest first: once the oldest item is before the lower bound, no later page can match.
      const after = dateField === "modified_date" ? args.modified_after : args.created_after;
      const last = res.works.at(-1)?.[dateField];
      if (after && last && time(last) < time(after)) nextCursor = undefined;
    }
    const items = works.map(toWorkSummary);
    return listOutput(items, {
      line: renderWorkLine,
      empty: noMatches(args),
      noun: "work items",
      nextCursor,
    });
  },
});

async function countWorks(args: z.output<typeof input>, ctx: ToolContext) {
  const bounds = DATE_BOUNDS.filter((k) => args[k] !== undefined);
  if (bounds.length)
    throw new ToolInputError(`count_only cannot apply ${bounds.join(", ")}; list the items instead.`);
  const body = await workFilterBody(args, ctx);
  const res = await ctx.call("works.count", body);
  const filters = describeFilters(args, WORK_FILTER_KEYS);
  const text = `${res.count}${res.has_more ? "+" : ""} work items${filters ? ` match ${filters}` : " in total"}.`;
  return { text, structured: { count: res.count, more: res.has_more } };
}

/** An empty page says what was applied, so "none" is never a silent wrong filter. */
function noMatches(args: z.output<typeof input>): string {
  const applied = describeFilters(args, [...WORK_FILTER_KEYS, ...DATE_BOUNDS]);
  if (!applied) return args.cursor ? "No more work items." : "No work items exist.";
  return `No work items match ${applied}${args.cursor ? " after this cursor" : ""}.`;
}
