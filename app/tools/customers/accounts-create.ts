import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { LOOKUP_OPERATIONS } from "../shared/lookup.js";
import { resolveUserIds } from "../shared/resolve.js";
import {
  renderAccountDetail,
  renderRevOrgLine,
  saved,
  savedSchema,
  toAccount,
  toRevOrg,
} from "./customer-shape.js";

export const accountsCreate = defineTool({
  name: "devrev_accounts_create",
  title: "Create an account",
  toolset: "customers",
  description: "Create a customer account (company) with its default rev org. Names are unique.",
  input: z.object({
    display_name: z.string().trim().min(1).max(256),
    description: z.string().max(8_000).optional(),
    domains: z.array(z.string().trim().min(3)).optional(),
    websites: z.array(z.string().trim().min(3)).optional(),
    tier: z.string().trim().min(1).max(64).optional(),
    owned_by: z.array(z.string()).optional().describe("Default: me"),
    external_refs: z.array(z.string().trim().min(1)).optional().describe("Ids in your CRM"),
  }),
  output: z.object({ account: savedSchema, default_rev_org: savedSchema }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  operations: ["accounts.create", ...LOOKUP_OPERATIONS.user],
  async handler(args, ctx) {
    const res = await ctx.call("accounts.create", {
      display_name: args.display_name,
      owned_by: await resolveUserIds(args.owned_by?.length ? args.owned_by : ["me"], ctx),
      ...(args.description ? { description: args.description } : {}),
      ...(args.domains?.length ? { domains: args.domains } : {}),
      ...(args.websites?.length ? { websites: args.websites } : {}),
      ...(args.tier ? { tier: args.tier } : {}),
      ...(args.external_refs?.length ? { external_refs: args.external_refs } : {}),
    });
    const account = toAccount(res.account, 4_000);
    const org = toRevOrg(res.default_rev_org);
    return {
      text: [
        `Created account ${account.display_id ?? account.id}.`,
        renderAccountDetail(account),
        `Default rev org: ${renderRevOrgLine(org)}`,
      ].join("\n"),
      structured: { account: saved(account), default_rev_org: saved(org) },
    };
  },
});
