import { z } from "zod";
import { canCall, definePrompt, proposeCalls } from "../../mcp/prompt.js";
import { fetchLinks, otherEnd, renderEndpoint, renderLinkLine } from "../links/link-shape.js";
import { completeWorkIds } from "../shared/completion-sources.js";
import { fetchWork } from "../shared/fetch.js";
import { recentComments } from "../timeline/comments.js";
import { optional } from "./optional.js";
import { renderWorkDetail, toWorkDetail } from "./work-shape.js";

export const investigateIssue = definePrompt({
  name: "investigate_issue",
  title: "Investigate an issue",
  description:
    "Reads an engineering issue, the customer tickets linked to it, its other links and recent comments, then asks for impact, likely cause and next steps",
  args: z.object({ issue_id: z.string().min(1) }),
  complete: { issue_id: completeWorkIds(["issue"]) },
  argDescriptions: { issue_id: "The issue, e.g. ISS-7 or its don: id" },
  needs: ["devrev_works_get", "devrev_timeline_entries_list"],
  async get(args, ctx) {
    const work = await fetchWork(args.issue_id, ctx, ["issue"], "an issue");
    const label = work.display_id ?? work.id;
    const [links, comments] = await Promise.all([
      // The linked tickets are shown only where the links tool may be called.
      canCall(ctx, "devrev_links_list") ? optional(() => fetchLinks(work.id, ctx, { max: 40 })) : null,
      recentComments(work.id, ctx, 15),
    ]);
    const all = links?.links ?? [];
    const tickets = all.filter((l) => otherEnd(l, work.id).type === "ticket");
    const others = all.filter((l) => otherEnd(l, work.id).type !== "ticket");
    const customers = new Set(tickets.flatMap((l) => otherEnd(l, work.id).customer ?? []));
    const text = [
      `Investigate DevRev issue ${label}. Work out: what is broken and where (part, likely component), the customer`,
      "impact (how many linked tickets, their severities and customers), whether the linked tickets really describe",
      "the same problem, what is still unknown, and the next steps with an owner.",
      proposeCalls(ctx, ["devrev_works_update", "devrev_links_create", "devrev_timeline_entries_create"]),
      "Make no change until the user agrees.",
      "",
      "## Issue",
      renderWorkDetail(toWorkDetail(work, 6_000)),
      "",
      `## Linked customer tickets (${tickets.length}${links?.truncated ? "+" : ""}${customers.size ? `, customers: ${[...customers].join(", ")}` : ""})`,
      links === null
        ? "(links are not readable on this connection)"
        : links === undefined
          ? "(links could not be read)"
          : tickets.length
            ? tickets.map((l) => `- ${renderEndpoint(otherEnd(l, work.id))} (${l.link_type})`).join("\n")
            : "(none)",
      "",
      "## Other links",
      others.length ? others.map((l) => `- ${renderLinkLine(l, work.id)}`).join("\n") : "(none)",
      "",
      "## Recent comments",
      comments.length ? comments.join("\n") : "(none)",
    ].join("\n");
    return {
      description: `Investigate ${label}`,
      messages: [{ role: "user", content: { type: "text", text } }],
    };
  },
});
