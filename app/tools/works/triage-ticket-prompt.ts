import { z } from "zod";
import { definePrompt, proposeCalls } from "../../mcp/prompt.js";
import { completeWorkIds } from "../shared/completion-sources.js";
import { fetchWork } from "../shared/fetch.js";
import { recentComments } from "../timeline/comments.js";
import { renderWorkDetail, toWorkDetail } from "./work-shape.js";

export const triageTicket = definePrompt({
  name: "triage_ticket",
  title: "Triage a ticket",
  description: "Reads a ticket and its recent comments, then asks for severity, owner, part and next step",
  args: z.object({ ticket_id: z.string().min(1) }),
  complete: { ticket_id: completeWorkIds(["ticket"]) },
  argDescriptions: { ticket_id: "The ticket, e.g. TKT-12 or its don: id" },
  needs: ["devrev_works_get", "devrev_timeline_entries_list"],
  async get(args, ctx) {
    const work = await fetchWork(args.ticket_id, ctx, ["ticket"], "a ticket");
    const comments = await recentComments(work.id, ctx);
    const text = [
      `Triage this DevRev ticket. Decide: severity (blocker/high/medium/low) with a one-line reason, the right owner`,
      "and part, whether it duplicates or relates to known issues, and the next step.",
      proposeCalls(ctx, ["devrev_works_update", "devrev_timeline_entries_create"]),
      "Make no change until the user agrees.",
      "",
      "## Ticket",
      renderWorkDetail(toWorkDetail(work, 8_000)),
      "",
      "## Recent comments",
      comments.length ? comments.join("\n") : "(none)",
    ].join("\n");
    return {
      description: `Triage ${work.display_id ?? work.id}`,
      messages: [{ role: "user", content: { type: "text", text } }],
    };
  },
});
