import { z } from "zod";
import { collect } from "../../devrev/paginate.js";
import type { Work } from "../../devrev/types.js";
import { definePrompt } from "../../mcp/prompt.js";
import type { ToolContext } from "../../mcp/tool.js";
import { renderWorkLine, SEVERITIES, toWorkSummary, type WorkSummary } from "./work-shape.js";

const MAX_TICKETS = 500;
const MAX_PAGES = 5;
const LISTED = 40;
const DAY_MS = 86_400_000;
/** Closed stages that end a ticket without solving it. */
const NOT_RESOLVED = new Set(["canceled", "cancelled", "wont_fix", "duplicate"]);

function partition<T>(items: readonly T[], keep: (item: T) => boolean): [T[], T[]] {
  return [items.filter(keep), items.filter((i) => !keep(i))];
}

/**
 * Tickets with `field` on or after `since`, at most MAX_TICKETS. Created tickets are read newest
 * first and the walk stops at the window's start (DevRev's created_date filter is not reliable);
 * resolved tickets use DevRev's actual_close_date filter, checked again here.
 */
async function fetchTickets(
  ctx: ToolContext,
  field: "created_date" | "actual_close_date",
  since: string,
): Promise<{ items: Work[]; truncated: boolean }> {
  const query =
    field === "created_date"
      ? { sort_by: ["created_date:desc"] }
      : { state: ["closed"], actual_close_date: { type: "range" as const, after: since } };
  const res = await collect<Work>(
    async (cursor) => {
      const page = await ctx.call("works.list", {
        type: ["ticket"],
        limit: 100,
        ...query,
        ...(cursor ? { cursor } : {}),
      });
      return { items: page.works, nextCursor: page.next_cursor };
    },
    {
      maxItems: MAX_TICKETS,
      maxPages: MAX_PAGES,
      ...(field === "created_date"
        ? { stopWhen: (w: unknown) => ((w as Work).created_date ?? "") < since }
        : {}),
    },
  );
  return { items: res.items.filter((w) => (w[field] ?? "") >= since), truncated: res.truncated };
}

function bySeverity(items: readonly WorkSummary[]): string {
  const counts = [...SEVERITIES, "none"].map(
    (s) => [s, items.filter((w) => (w.severity ?? "none") === s).length] as const,
  );
  return counts
    .filter(([s, n]) => n > 0 || s !== "none")
    .map(([s, n]) => `${s} ${n}`)
    .join(", ");
}

function section(title: string, items: readonly WorkSummary[], truncated: boolean): string[] {
  const shown = [...items]
    .sort((a, b) => SEVERITIES.indexOf(a.severity as never) - SEVERITIES.indexOf(b.severity as never))
    .slice(0, LISTED);
  return [
    `## ${title}: ${items.length}${truncated ? "+ (bounded; more exist)" : ""} — ${bySeverity(items)}`,
    ...(shown.length ? shown.map((w) => `- ${renderWorkLine(w)}`) : ["(none)"]),
    ...(items.length > shown.length ? [`(${items.length - shown.length} more not listed)`] : []),
  ];
}

export const weeklySupportReport = definePrompt({
  name: "weekly_support_report",
  title: "Weekly support report",
  description:
    "Counts and lists the tickets created and resolved in the last N days (default 7) by severity, then asks for a short report",
  args: z.object({
    days: z.preprocess(
      (v) => (v === "" || v === null ? undefined : v),
      z.coerce.number().int().min(1).max(90).optional(),
    ),
  }),
  argDescriptions: { days: "How many days back the report covers (1-90, default 7)" },
  needs: ["devrev_works_list"],
  async get(args, ctx) {
    const days = args.days ?? 7;
    const now = ctx.devrev.now();
    const since = new Date(now.getTime() - days * DAY_MS).toISOString();
    // Two paged scans that can take a while: progress as each finishes, for a client that asked.
    let done = 0;
    const step = async <T>(scan: Promise<T>, what: string): Promise<T> => {
      const value = await scan;
      await ctx.progress(++done, 2, what);
      return value;
    };
    const [created, closed] = await Promise.all([
      step(fetchTickets(ctx, "created_date", since), "tickets created in the window read"),
      step(fetchTickets(ctx, "actual_close_date", since), "tickets closed in the window read"),
    ]);
    // Closed is not resolved: a canceled ticket was dropped, not solved, so it is counted apart.
    const [solved, dropped] = partition(closed.items, (w) => !NOT_RESOLVED.has(w.stage?.name ?? ""));
    const createdItems = created.items.map(toWorkSummary);
    const resolvedItems = solved.map(toWorkSummary);
    const stillOpen = created.items.filter((w) => !w.actual_close_date).length;
    const hours = solved
      .filter((w) => w.created_date && w.actual_close_date)
      .map((w) => (Date.parse(w.actual_close_date ?? "") - Date.parse(w.created_date ?? "")) / 3_600_000)
      .sort((a, b) => a - b);
    const median = hours.length ? hours[Math.floor(hours.length / 2)] : undefined;
    const window = `${since.slice(0, 10)} to ${now.toISOString().slice(0, 10)}`;
    const text = [
      `Write a weekly support report for ${window} (${days} days) from the data below: volume and trend by`,
      "severity, what was resolved, what is still open and at risk (blockers, high severity, overdue), recurring",
      "themes in the titles, and 3 concrete actions. Keep it under 300 words and cite ticket ids.",
      "",
      `Created tickets still open: ${stillOpen}. Median time to resolve (resolved in window): ${median === undefined ? "n/a" : `${(median / 24).toFixed(1)} days`}.`,
      "",
      ...section("Created in window", createdItems, created.truncated),
      "",
      ...section("Resolved in window", resolvedItems, closed.truncated),
      "",
      `Closed without a resolution in window (canceled, won't fix, duplicate): ${dropped.length}${closed.truncated ? "+" : ""}.`,
    ].join("\n");
    return {
      description: `Support report for the last ${days} days`,
      messages: [{ role: "user", content: { type: "text", text } }],
    };
  },
});
