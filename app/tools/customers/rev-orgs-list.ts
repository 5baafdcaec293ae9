import { z } from "zod";
import { clampLimit } from "../../devrev/paginate.js";
import { defineTool } from "../../mcp/tool.js";
import { expectKind } from "../shared/ids.js";
import { cursorInput, limitInput } from "../shared/inputs.js";
import { listOutput, pageOutput } from "../shared/page.js";
import { renderRevOrgLine, revOrgSchema, toRevOrg } from "./customer-shape.js";

export const revOrgsList = defineTool({
  name: "devrev_rev_orgs_list",
  title: "List rev orgs",
  toolset: "customers",
  description: "Rev orgs (customer workspaces under an account) by account or exact name.",
  input: z.object({
    account: z.array(z.string().min(1)).optional(),
    display_name: z.array(z.string().trim().min(1)).optional(),
    cursor: cursorInput,
    limit: limitInput,
  }),
  output: pageOutput(revOrgSchema),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["rev-orgs.list"],
  async handler(args, ctx) {
    const accounts = args.account?.map((a) => expectKind(a, ["account"], "an account").id);
    const res = await ctx.call("rev-orgs.list", {
      limit: clampLimit(args.limit),
      ...(args.cursor ? { cursor: args.cursor } : {}),
      ...(accounts?.length ? { account: accounts } : {}),
      ...(args.display_name?.length ? { display_name: args.display_name } : {}),
    });
    const items = res.rev_orgs.map((o) => toRevOrg(o));
    return listOutput(items, {
      line: renderRevOrgLine,
      empty: "No rev orgs match these filters.",
      noun: "rev orgs",
      nextCursor: res.next_cursor,
    });
  },
});
