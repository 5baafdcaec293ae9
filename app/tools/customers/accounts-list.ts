import { z } from "zod";
import { clampLimit } from "../../devrev/paginate.js";
import { defineTool } from "../../mcp/tool.js";
import { cursorInput, limitInput, normaliseSortBy, sortByInput } from "../shared/inputs.js";
import { LOOKUP_OPERATIONS } from "../shared/lookup.js";
import { listOutput, pageOutput } from "../shared/page.js";
import { resolveUserIds } from "../shared/resolve.js";
import { accountSchema, renderAccountLine, toAccount } from "./customer-shape.js";

export const accountsList = defineTool({
  name: "devrev_accounts_list",
  title: "List customer accounts",
  toolset: "customers",
  description:
    "Customer accounts by exact name, domain, tier or owner. One customer in full: devrev_customer_overview.",
  input: z.object({
    display_name: z.array(z.string().trim().min(1)).optional(),
    domains: z.array(z.string().trim().min(1)).optional(),
    tier: z.array(z.string().trim().min(1)).optional(),
    owned_by: z.array(z.string()).optional(),
    sort_by: sortByInput,
    cursor: cursorInput,
    limit: limitInput,
  }),
  output: pageOutput(accountSchema),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["accounts.list", ...LOOKUP_OPERATIONS.user],
  async handler(args, ctx) {
    const sortBy = normaliseSortBy(args.sort_by);
    const res = await ctx.call("accounts.list", {
      limit: clampLimit(args.limit),
      ...(args.cursor ? { cursor: args.cursor } : {}),
      ...(args.display_name?.length ? { display_name: args.display_name } : {}),
      ...(args.domains?.length ? { domains: args.domains } : {}),
      ...(args.tier?.length ? { tier: args.tier } : {}),
      ...(args.owned_by?.length ? { owned_by: await resolveUserIds(args.owned_by, ctx) } : {}),
      ...(sortBy ? { sort_by: sortBy } : {}),
    });
    const items = res.accounts.map((a) => toAccount(a));
    return listOutput(items, {
      line: renderAccountLine,
      empty: "No accounts match these filters.",
      noun: "accounts",
      nextCursor: res.next_cursor,
    });
  },
});
