import { z } from "zod";
import { clampLimit } from "../../devrev/paginate.js";
import { defineTool } from "../../mcp/tool.js";
import { revOrgIdsFor } from "../customers/customer-refs.js";
import { cursorInput, limitInput } from "../shared/inputs.js";
import { LOOKUP_OPERATIONS } from "../shared/lookup.js";
import { listOutput, pageOutput } from "../shared/page.js";
import { renderRevUserLine, revUserSchema, toRevUser } from "./user-shape.js";

export const revUsersList = defineTool({
  name: "devrev_rev_users_list",
  title: "List customer contacts (rev users)",
  toolset: "users",
  description: "Customer contacts (rev users), by customer or exact e-mail.",
  input: z.object({
    rev_org: z.array(z.string().min(1)).optional().describe("REV-2 or ACC-3 (all its orgs)"),
    email: z.array(z.string().trim().min(3)).optional(),
    cursor: cursorInput,
    limit: limitInput,
  }),
  output: pageOutput(revUserSchema),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["rev-users.list", ...LOOKUP_OPERATIONS.customer],
  async handler(args, ctx) {
    const revOrgs = args.rev_org?.length ? await revOrgIdsFor(args.rev_org, ctx) : undefined;
    if (revOrgs && revOrgs.length === 0) {
      return {
        text: "Those accounts have no rev orgs, so they have no contacts.\nEnd of rev users.",
        structured: { items: [], count: 0 },
      };
    }
    const res = await ctx.call("rev-users.list", {
      limit: clampLimit(args.limit),
      ...(args.cursor ? { cursor: args.cursor } : {}),
      ...(revOrgs ? { rev_org: revOrgs } : {}),
      ...(args.email?.length ? { email: args.email } : {}),
    });
    const items = res.rev_users.map((u) => toRevUser(u));
    return listOutput(items, {
      line: renderRevUserLine,
      empty: "No customer contacts match these filters.",
      noun: "rev users",
      nextCursor: res.next_cursor,
    });
  },
});
