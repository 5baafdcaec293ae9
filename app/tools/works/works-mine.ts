import { z } from "zod";
import { clampLimit, collect } from "../../devrev/paginate.js";
import type { Work } from "../../devrev/types.js";
import { defineTool } from "../../mcp/tool.js";
import { limitInput } from "../shared/inputs.js";
import { LOOKUP_OPERATIONS } from "../shared/lookup.js";
import { listOutput } from "../shared/page.js";
import { myUserId } from "../shared/resolve.js";
import { renderWorkLine, toWorkSummary, type WorkSummary, workSummarySchema } from "./work-shape.js";

// "My open work": the caller's open tickets and issues, most urgent first. DevRev cannot sort
// tickets by severity and issues by priority in one list, so a bounded set is gathered and sorted here.

const SCAN_MAX = 300;
const OPEN_STATES = ["open", "in_progress"];
const URGENCY: Record<string, number> = {
  blocker: 0,
  p0: 0,
  high: 1,
  p1: 1,
  medium: 2,
  p2: 2,
  low: 3,
  p3: 3,
};

function urgency(w: WorkSummary): number {
  return URGENCY[w.severity ?? w.priority ?? ""] ?? 4;
}

/** Most urgent first; then the nearest due date (none last); then the most recently updated. */
export function byUrgency(a: WorkSummary, b: WorkSummary): number {
  return (
    urgency(a) - urgency(b) ||
    (a.target_close_date ?? "9999").localeCompare(b.target_close_date ?? "9999") ||
    (b.modified_date ?? "").localeCompare(a.modified_date ?? "")
  );
}

export const worksMine = defineTool({
  name: "devrev_works_mine",
  title: "My open work",
  toolset: "works",
  inDefault: true,
  description:
    "The caller's open tickets and issues, most urgent first (severity/priority, then due date; overdue " +
    'marked). For "what should I work on" or "my queue".',
  input: z.object({
    type: z.array(z.enum(["ticket", "issue"])).optional(),
    limit: limitInput,
  }),
  output: z.object({
    items: z.array(workSummarySchema),
    count: z.number().int(),
    total_open: z.number().int(),
    complete: z.boolean(),
    truncated: z.boolean().optional(),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["works.list", ...LOOKUP_OPERATIONS.dev_user],
  async handler(args, ctx) {
    const me = await myUserId(ctx);
    const type = args.type?.length ? args.type : (["ticket", "issue"] as const);
    const found = await collect<Work>(
      async (cursor) => {
        const page = await ctx.call("works.list", {
          type: [...type],
          owned_by: [me],
          state: OPEN_STATES,
          limit: 100,
          sort_by: ["modified_date:desc"],
          ...(cursor ? { cursor } : {}),
        });
        return { items: page.works, nextCursor: page.next_cursor };
      },
      { maxItems: SCAN_MAX, maxPages: SCAN_MAX / 100 },
    );
    const ranked = found.items.map(toWorkSummary).sort(byUrgency);
    const items = ranked.slice(0, clampLimit(args.limit));
    const today = ctx.devrev.now().toISOString().slice(0, 10);
    const complete = !found.truncated;
    const tail = complete
      ? ranked.length > items.length
        ? `${ranked.length - items.length} more: raise limit to see them.`
        : "That is all of it."
      : `Only your ${SCAN_MAX} most recently updated open items were ranked; narrow with devrev_works_list filters.`;
    return listOutput(items, {
      line: (w) => {
        const overdue = w.target_close_date && w.target_close_date.slice(0, 10) < today ? " ⚠ OVERDUE" : "";
        return renderWorkLine(w) + overdue;
      },
      header: (shown) =>
        `Your open work, most urgent first (${shown} of ${ranked.length}${complete ? "" : "+"}):`,
      empty: "You have no open tickets or issues.",
      footer: tail,
      extra: { total_open: ranked.length, complete },
    });
  },
});
