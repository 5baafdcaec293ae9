import { z } from "zod";
import { definePrompt } from "../../mcp/prompt.js";
import { completeAccountIds } from "../shared/completion-sources.js";
import { loadOverview, renderOverview } from "./overview-data.js";

export const summarizeAccount = definePrompt({
  name: "summarize_account",
  title: "Summarise a customer's health",
  description:
    "Reads the account, its rev orgs, open tickets and recent conversations, then asks for a health summary",
  args: z.object({ account_id: z.string().trim().min(2).max(200) }),
  complete: { account_id: completeAccountIds },
  argDescriptions: { account_id: "The customer: ACC-3, REV-2, a don: id or the company name" },
  needs: ["devrev_customer_overview"],
  async get(args, ctx) {
    const o = await loadOverview(args.account_id, ctx, { tickets: 15, conversations: 8 });
    const name = o.account?.name ?? o.requested_rev_org?.name ?? args.account_id;
    const text = [
      `Summarise the health of the customer ${name} for an account review, from the DevRev data below.`,
      "Give: an overall rating (healthy / at risk / critical) with the two or three facts behind it; the open",
      "problems that matter most (blockers and high-severity tickets first, with their ids); what recent",
      "conversations say about sentiment and recurring themes; and three concrete next steps with owners.",
      "Say plainly when the data is thin (few tickets or conversations) instead of guessing. Do not change",
      "anything in DevRev.",
      "",
      renderOverview(o),
    ].join("\n");
    return {
      description: `Health summary of ${name}`,
      messages: [{ role: "user", content: { type: "text", text } }],
    };
  },
});
