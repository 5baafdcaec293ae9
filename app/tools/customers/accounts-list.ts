import { z } from "zod";
import { unwrap } from "../../devrev/client.js";
import { clampLimit } from "../../devrev/paginate.js";
import { defineTool } from "../../mcp/tool.js";
import { cursorLine } from "../shared/format.js";
import { limitInput, normaliseSortBy, sortByInput } from "../shared/inputs.js";
import { resolveUserIds } from "../shared/resolve.js";
import { accountSchema, renderAccountLine, toAccount } from "./customer-shape.js";

export const accountsList = defineTool({
  name: "devrev_accounts_list",
  title: "List customer accounts",
  toolset: "customers",
  description:
    "List customer accounts (ACC-3, name, tier, domains, owners). Filters: exact names, domains, tiers, owners " +
    '("me" or dev user ids). For one customer\'s full picture use devrev_customer_overview. Pages of `limit` ' +
    "(default 25, max 100); pass next_cursor back as `cursor`.",
  input: z.object({
    display_name: z.array(z.string().trim().min(1)).optional().describe("Exact account names"),
    domains: z.array(z.string().trim().min(1)).optional().describe('Company domains, e.g. ["globex.test"]'),
    tier: z.array(z.string().trim().min(1)).optional().describe('Tiers, e.g. ["enterprise"]'),
    owned_by: z.array(z.string()).optional().describe('"me" or dev user ids (don:identity:...:devu/N)'),
    sort_by: sortByInput,
    cursor: z.string().optional().describe("next_cursor from the previous page"),
    limit: limitInput,
  }),
  output: z.object({
    items: z.array(accountSchema),
    count: z.number().int(),
    next_cursor: z.string().optional(),
    truncated: z.boolean().optional(),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["accounts.list", "dev-users.self"],
  async handler(args, ctx) {
    const sortBy = normaliseSortBy(args.sort_by);
    const res = await unwrap(
      ctx.devrev.api.POST("/accounts.list", {
        body: {
          limit: clampLimit(args.limit),
          ...(args.cursor ? { cursor: args.cursor } : {}),
          ...(args.display_name?.length ? { display_name: args.display_name } : {}),
          ...(args.domains?.length ? { domains: args.domains } : {}),
          ...(args.tier?.length ? { tier: args.tier } : {}),
          ...(args.owned_by?.length ? { owned_by: await resolveUserIds(args.owned_by, ctx) } : {}),
          ...(sortBy ? { sort_by: sortBy } : {}),
        },
        signal: ctx.signal,
      }),
    );
    const items = res.accounts.map((a) => toAccount(a));
    const text = [
      items.length ? items.map(renderAccountLine).join("\n") : "No accounts match these filters.",
      cursorLine(res.next_cursor, "accounts"),
    ].join("\n");
    return {
      text,
      structured: {
        items,
        count: items.length,
        ...(res.next_cursor ? { next_cursor: res.next_cursor } : {}),
      },
    };
  },
});
