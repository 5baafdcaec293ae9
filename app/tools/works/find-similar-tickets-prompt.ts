import { z } from "zod";
import { collect } from "../../devrev/paginate.js";
import type { Work } from "../../devrev/types.js";
import { definePrompt, proposeCalls } from "../../mcp/prompt.js";
import { sanitizeLine } from "../../util/sanitize.js";
import { completeWorkIds } from "../shared/completion-sources.js";
import { fetchWork } from "../shared/fetch.js";
import { renderWorkDetail, renderWorkLine, toWorkDetail, toWorkSummary } from "./work-shape.js";

// Candidates come from keyword overlap between titles over a bounded window of recently updated
// tickets, not from search.*, so the prompt works when beta APIs are off.

const SCAN = 300;
const SHOWN = 10;
const STOPWORDS = new Set(
  "the and for with not are was were has have had from this that when what into after before our your their can cannot cant does doesnt dont all any but too via out its".split(
    " ",
  ),
);

export function keywords(text: string, exclude: ReadonlySet<string> = new Set()): Set<string> {
  // The words a person sees: markup and hidden text removed first, so `&lt;img onerror=…&gt;` in
  // a title yields no keywords (and none is echoed into the prompt).
  const words = sanitizeLine(text, 1_000)
    .toLowerCase()
    .replace(/['’]/g, "")
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 3 && !STOPWORDS.has(w) && !exclude.has(w))
    .map(stem);
  return new Set(words);
}

/** A crude stem, so "invoices" meets "invoice" and "delayed" meets "delay". */
function stem(w: string): string {
  if (w.length > 5 && w.endsWith("ing")) return w.slice(0, -3);
  if (w.length > 5 && w.endsWith("ed")) return w.slice(0, -2);
  if (w.length > 5 && /(sh|ch|x|ss)es$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss")) return w.slice(0, -1);
  return w;
}

export const findSimilarTickets = definePrompt({
  name: "find_similar_tickets",
  title: "Find similar tickets",
  description:
    "Reads a ticket and recent tickets whose titles share its keywords, then asks which are duplicates or related and what to link",
  args: z.object({ ticket_id: z.string().min(1) }),
  complete: { ticket_id: completeWorkIds(["ticket"]) },
  argDescriptions: { ticket_id: "The ticket, e.g. TKT-12 or its don: id" },
  needs: ["devrev_works_get", "devrev_works_list"],
  async get(args, ctx) {
    const work = await fetchWork(args.ticket_id, ctx, ["ticket"], "a ticket");
    const label = work.display_id ?? work.id;
    // The customer's own name says nothing about the problem.
    const customer = work.type === "ticket" ? (work.rev_org?.display_name ?? "") : "";
    const own = keywords(work.title, keywords(customer));
    const scanned = await collect<Work>(
      async (cursor) => {
        const page = await ctx.call("works.list", {
          type: ["ticket"],
          limit: 100,
          sort_by: ["modified_date:desc"],
          ...(cursor ? { cursor } : {}),
        });
        return { items: page.works, nextCursor: page.next_cursor };
      },
      { maxItems: SCAN, maxPages: SCAN / 100 },
    );
    const ranked = scanned.items
      .filter((w) => w.id !== work.id)
      .map((w) => {
        const theirs = keywords(
          w.title,
          keywords(w.type === "ticket" ? (w.rev_org?.display_name ?? "") : ""),
        );
        const shared = [...own].filter((k) => theirs.has(k));
        const score = shared.length / Math.sqrt(Math.max(1, own.size) * Math.max(1, theirs.size));
        return { w, shared, score };
      })
      .filter((c) => c.shared.length > 0)
      .sort((a, b) => b.score - a.score || (b.w.modified_date ?? "").localeCompare(a.w.modified_date ?? ""))
      .slice(0, SHOWN);
    const text = [
      `Find tickets similar to DevRev ticket ${label}. Below are candidates whose titles share keywords with it,`,
      `from the ${scanned.items.length} most recently updated tickets. Judge each: duplicate (same problem, same`,
      "cause), related (same area, different problem) or unrelated, with a one-line reason. For duplicates and",
      "related ones, propose links (is_duplicate_of / is_related_to) and say whether a shared engineering issue",
      `should exist. ${proposeCalls(ctx, ["devrev_links_create"])} Make no change until the user agrees.`,
      "",
      "## Ticket",
      renderWorkDetail(toWorkDetail(work, 4_000)),
      "",
      `## Candidates (${ranked.length}; keywords: ${[...own].join(", ") || "none"})`,
      ranked.length
        ? ranked
            .map((c) => `- ${renderWorkLine(toWorkSummary(c.w))} · shared: ${c.shared.join(", ")}`)
            .join("\n")
        : "(no recent ticket shares a title keyword; try devrev_works_list filtered by the same part)",
    ].join("\n");
    return {
      description: `Tickets similar to ${label}`,
      messages: [{ role: "user", content: { type: "text", text } }],
    };
  },
});
