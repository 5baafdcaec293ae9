import { z } from "zod";
import { unwrap } from "../../devrev/client.js";
import { clampLimit } from "../../devrev/paginate.js";
import type { Work } from "../../devrev/types.js";
import { defineTool } from "../../mcp/tool.js";
import { cursorLine } from "../shared/format.js";
import { limitInput, normaliseSortBy, sortByInput } from "../shared/inputs.js";
import { workFilterBody, workFilterShape } from "./filters.js";
import { renderWorkLine, toWorkSummary, workSummarySchema } from "./work-shape.js";

const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date()).describe("ISO-8601 date or date-time");

const input = z.object({
  ...workFilterShape,
  created_after: isoDate.optional(),
  created_before: isoDate.optional(),
  modified_after: isoDate.optional(),
  modified_before: isoDate.optional(),
  sort_by: sortByInput,
  cursor: z.string().optional().describe("next_cursor from the previous page"),
  limit: limitInput,
});

const output = z.object({
  items: z.array(workSummarySchema),
  count: z.number().int(),
  next_cursor: z.string().optional(),
  truncated: z.boolean().optional(),
});

type DateField = "created_date" | "modified_date";

export const worksList = defineTool({
  name: "devrev_works_list",
  title: "List work items",
  toolset: "works",
  inDefault: true,
  description:
    "List DevRev work items (tickets = customer problems, issues = engineering work, tasks) with filters. " +
    'Use owned_by=["me"] for the caller\'s own work. Results are one line each with display ids (TKT-12, ISS-7) ' +
    "that every tool accepts. Pages of `limit` items (default 25, max 100); pass next_cursor back as `cursor` " +
    "for more. Date bounds are applied here, newest first, because DevRev does not apply them reliably.",
  input,
  output,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["works.list", "parts.get", "dev-users.self"],
  async handler(args, ctx) {
    const limit = clampLimit(args.limit);
    const dateField: DateField | undefined =
      args.modified_after || args.modified_before
        ? "modified_date"
        : args.created_after || args.created_before
          ? "created_date"
          : undefined;
    const sortBy = dateField ? [`${dateField}:desc`] : normaliseSortBy(args.sort_by);
    const body = {
      limit,
      ...(args.cursor ? { cursor: args.cursor } : {}),
      ...(await workFilterBody(args, ctx)),
      ...(sortBy ? { sort_by: sortBy } : {}),
    };
    const res = await unwrap(ctx.devrev.api.POST("/works.list", { body, signal: ctx.signal }));

    let works = res.works;
    let nextCursor = res.next_cursor;
    if (dateField) {
      const within = inBounds(args);
      works = works.filter(within);
      // Sorted newest first: once the oldest item is before the lower bound, no later page can match.
      const after = dateField === "modified_date" ? args.modified_after : args.created_after;
      const last = res.works.at(-1)?.[dateField];
      if (after && last && last < normaliseBound(after)) nextCursor = undefined;
    }
    const items = works.map(toWorkSummary);
    const text = [
      items.length ? items.map(renderWorkLine).join("\n") : "No work items match these filters.",
      cursorLine(nextCursor, "work items"),
    ].join("\n");
    return {
      text,
      structured: { items, count: items.length, ...(nextCursor ? { next_cursor: nextCursor } : {}) },
    };
  },
});

function inBounds(args: z.output<typeof input>) {
  const bounds: Array<[DateField, string | undefined, string | undefined]> = [
    ["created_date", args.created_after, args.created_before],
    ["modified_date", args.modified_after, args.modified_before],
  ];
  return (w: Work) =>
    bounds.every(([field, after, before]) => {
      const v = w[field];
      if (!after && !before) return true;
      if (!v) return false;
      return (!after || v >= normaliseBound(after)) && (!before || v < normaliseBound(before));
    });
}

/** Plain dates compare as midnight UTC, matching DevRev's ISO timestamps lexically. */
function normaliseBound(d: string): string {
  return d.length === 10 ? `${d}T00:00:00.000Z` : new Date(d).toISOString();
}
