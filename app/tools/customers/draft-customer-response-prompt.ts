import { z } from "zod";
import { callForm, canCall, definePrompt } from "../../mcp/prompt.js";
import { withArticle } from "../../util/indefinite-article.js";
import { completeFromList } from "../shared/completion.js";
import { completeWorkIds } from "../shared/completion-sources.js";
import { fetchWork } from "../shared/fetch.js";
import { recentComments } from "../timeline/comments.js";
import { renderWorkDetail, toWorkDetail } from "../works/work-shape.js";
import { renderAccountLine, renderRevOrgLine, toAccount, toRevOrg } from "./customer-shape.js";

const TONES = ["friendly", "formal", "concise", "empathetic"] as const;

export const draftCustomerResponse = definePrompt({
  name: "draft_customer_response",
  title: "Draft a reply to a customer",
  description: "Reads a ticket, its customer and its recent comments, then asks for a reply draft to approve",
  args: z.object({
    ticket_id: z.string().trim().min(1),
    tone: z.enum(TONES).optional(),
  }),
  complete: { ticket_id: completeWorkIds(["ticket"]), tone: completeFromList(TONES) },
  argDescriptions: {
    ticket_id: "The ticket, e.g. TKT-12 or its don: id",
    tone: `Tone of the reply: ${TONES.join(", ")} (default friendly)`,
  },
  needs: ["devrev_works_get", "devrev_timeline_entries_list"],
  async get(args, ctx) {
    const work = await fetchWork(args.ticket_id, ctx, ["ticket"], "a ticket");
    const ticket = toWorkDetail(work, 6_000);
    const [customer, comments] = await Promise.all([
      !ticket.rev_org
        ? Promise.resolve(["(no customer on this ticket)"])
        : // The customer's records only where their own tools may be called.
          canCall(ctx, "devrev_rev_orgs_get") && canCall(ctx, "devrev_accounts_get")
          ? customerLines(ticket.rev_org.id, ctx)
          : Promise.resolve([
              `Customer: ${ticket.rev_org.name ?? ticket.rev_org.id} (its records are not readable on this connection)`,
            ]),
      recentComments(work.id, ctx, 15),
    ]);
    const where = ticket.display_id ?? ticket.id;
    const post = callForm(ctx, "devrev_timeline_entries_create");
    const text = [
      `Draft a reply to the customer on ticket ${where}, in ${withArticle(args.tone ?? "friendly")} tone.`,
      "Answer what they asked last, say what is known and what happens next, and promise nothing the comments",
      "do not support; keep internal discussion (internal or private comments) out of the reply. Show the draft",
      post
        ? `only. Post it only after the user approves it, as an external comment: ${post} with object "${where}" and visibility "external".`
        : "only. This connection cannot post comments: the user posts the approved reply in DevRev.",
      "",
      "## Ticket",
      renderWorkDetail(ticket),
      "",
      "## Customer",
      ...customer,
      "",
      "## Recent comments (oldest first)",
      comments.length ? comments.join("\n") : "(none)",
    ].join("\n");
    return {
      description: `Reply draft for ${where}`,
      messages: [{ role: "user", content: { type: "text", text } }],
    };
  },
});

async function customerLines(revOrgId: string, ctx: Parameters<typeof recentComments>[1]): Promise<string[]> {
  const { rev_org } = await ctx.call("rev-orgs.get", { id: revOrgId });
  const lines = [`Rev org: ${renderRevOrgLine(toRevOrg(rev_org))}`];
  if (rev_org.account?.id) {
    const { account } = await ctx.call("accounts.get", { id: rev_org.account.id });
    lines.push(`Account: ${renderAccountLine(toAccount(account))}`);
  }
  return lines;
}
