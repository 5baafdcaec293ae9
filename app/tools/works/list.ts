import { z } from "zod";
import { unwrap } from "../../devrev/client.js";
import { clampLimit } from "../../devrev/paginate.js";
import type { Work } from "../../devrev/types.js";
import { defineTool } from "../../mcp/tool.js";
import { cursorLine } from "../shared/format.js";
import { limitInput, normaliseSortBy, sortByInput } from "../shared/inputs.js";
import { resolvePartId, resolveUserIds } from "../shared/resolve.js";
import {
  PRIORITIES,
  renderWorkLine,
  SEVERITIES,
  toWorkSummary,
  WORK_TYPES,
  workSummarySchema,
} from "./work-shape.js";

const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date()).describe("ISO-8601 date or date-time");

const input = z.object({
  type: z.array(z.enum(WORK_TYPES)).optional().describe("Work types to include; default all"),
  stage: z.array(z.string().min(1)).optional().describe('Stage names, e.g. ["queued", "work_in_progress"]'),
  owned_by: z.array(z.string()).optional().describe('"me" or dev user ids (don:identity:...:devu/N)'),
  part: z.array(z.string()).optional().describe("Parts the work applies to: PROD-1, FEAT-3 or don: ids"),
  severity: z.array(z.enum(SEVERITIES)).optional().describe("Ticket severities"),
  priority: z.array(z.enum(PRIORITIES)).optional().describe("Issue priorities"),
  rev_org: z.array(z.string().startsWith("don:")).optional().describe("Customer (rev org) ids, for tickets"),
  tags: z.array(z.string().startsWith("don:")).optional().describe("Tag ids"),
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
      ...(args.type ? { type: args.type } : {}),
      ...(args.stage ? { stage: { name: args.stage } } : {}),
      ...(args.owned_by ? { owned_by: await resolveUserIds(args.owned_by, ctx) } : {}),
      ...(args.part
        ? { applies_to_part: await Promise.all(args.part.map((p) => resolvePartId(p, ctx))) }
        : {}),
      ...(args.severity || args.rev_org
        ? { ticket: { severity: args.severity, rev_org: args.rev_org } }
        : {}),
      ...(args.priority ? { issue: { priority: args.priority } } : {}),
      ...(args.tags ? { tags: args.tags } : {}),
      ...(sortBy ? { sort_by: sortBy } : {}),
    };
    const res = await unwrap(
      ctx.devrev.api.POST("/works.list", { body: dropEmpty(body), signal: ctx.signal }),
    );

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

function dropEmpty<T extends Record<string, unknown>>(body: T): T {
  const ticket = body.ticket as Record<string, unknown> | undefined;
  if (ticket) for (const k of Object.keys(ticket)) if (ticket[k] === undefined) delete ticket[k];
  return body;
}
