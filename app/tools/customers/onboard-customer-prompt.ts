import { z } from "zod";
import { definePrompt, proposeCalls } from "../../mcp/prompt.js";
import { ToolInputError } from "../../mcp/tool-errors.js";
import { completeAccountIds } from "../shared/completion-sources.js";
import { renderRevUserLine, toRevUser } from "../users/user-shape.js";
import { resolveCustomer, revOrgsOfAccount } from "./customer-refs.js";
import { renderAccountDetail, renderRevOrgLine, toAccount, toRevOrg } from "./customer-shape.js";

const MAX_CONTACTS = 50;

export const onboardCustomer = definePrompt({
  name: "onboard_customer",
  title: "Onboarding checklist for a customer",
  description: "Reads the account, its rev orgs and contacts, then asks for an onboarding checklist",
  args: z.object({ account_id: z.string().trim().min(2).max(200) }),
  complete: { account_id: completeAccountIds },
  argDescriptions: { account_id: "The customer: ACC-3, a don: id or the company name" },
  needs: ["devrev_accounts_get", "devrev_rev_orgs_list", "devrev_rev_users_list"],
  async get(args, ctx) {
    const { account } = await resolveCustomer(args.account_id, ctx);
    if (!account) throw new ToolInputError(`"${args.account_id}" has no account to onboard.`);
    const { revOrgs } = await revOrgsOfAccount(account.id, ctx);
    const contacts = revOrgs.length
      ? (await ctx.call("rev-users.list", { rev_org: revOrgs.map((o) => o.id), limit: MAX_CONTACTS }))
          .rev_users
      : [];
    const shaped = toAccount(account, 4_000);
    const text = [
      `Write an onboarding checklist for the new customer ${shaped.name}, from the DevRev data below.`,
      "Cover: who the contacts are and which are missing (e.g. no technical or billing contact); account data",
      "to complete (owners, tier, domains, websites); workspaces (rev orgs) to set up; the first support",
      "touchpoints (kick-off conversation, welcome ticket) and their owners; and what to check after 30 days.",
      "Mark each item done / to do based on the data.",
      proposeCalls(ctx, ["devrev_accounts_update", "devrev_rev_users_create", "devrev_conversations_create"]),
      "Make no change until the user agrees.",
      "",
      "## Account",
      renderAccountDetail(shaped),
      "",
      `## Rev orgs (${revOrgs.length})`,
      revOrgs.length ? revOrgs.map((o) => renderRevOrgLine(toRevOrg(o))).join("\n") : "(none)",
      "",
      `## Contacts (${contacts.length}${contacts.length === MAX_CONTACTS ? "+" : ""})`,
      contacts.length ? contacts.map((u) => renderRevUserLine(toRevUser(u))).join("\n") : "(none yet)",
    ].join("\n");
    return {
      description: `Onboarding checklist for ${shaped.name}`,
      messages: [{ role: "user", content: { type: "text", text } }],
    };
  },
});
