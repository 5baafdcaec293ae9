import { z } from "zod";
import { clampLimit } from "../../devrev/paginate.js";
import { defineTool } from "../../mcp/tool.js";
import { cursorInput, limitInput, normaliseSortBy, sortByInput } from "../shared/inputs.js";
import { listOutput, pageOutput } from "../shared/page.js";
import { groupSchema, renderGroupLine, toGroup } from "./group-shape.js";

export const groupsList = defineTool({
  name: "devrev_groups_list",
  title: "List groups",
  toolset: "groups",
  description: "List groups (dev-user teams or customer-contact sets) by exact name or member type.",
  input: z.object({
    name: z.array(z.string().min(1)).optional(),
    member_type: z.array(z.enum(["dev_user", "rev_user"])).optional(),
    sort_by: sortByInput,
    cursor: cursorInput,
    limit: limitInput,
  }),
  output: pageOutput(groupSchema),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["groups.list"],
  async handler(args, ctx) {
    const sortBy = normaliseSortBy(args.sort_by);
    const res = await ctx.call("groups.list", {
      limit: clampLimit(args.limit),
      ...(args.cursor ? { cursor: args.cursor } : {}),
      ...(args.name?.length ? { name: args.name } : {}),
      ...(args.member_type?.length ? { member_type: args.member_type } : {}),
      ...(sortBy ? { sort_by: sortBy } : {}),
    });
    const items = res.groups.map(toGroup);
    return listOutput(items, {
      line: renderGroupLine,
      empty: "No groups match.",
      noun: "groups",
      nextCursor: res.next_cursor,
    });
  },
});
