import { z } from "zod";
import { clampLimit } from "../../devrev/paginate.js";
import { defineTool } from "../../mcp/tool.js";
import { ToolInputError } from "../../mcp/tool-errors.js";
import { cursorInput, limitInput } from "../shared/inputs.js";
import { LOOKUP_OPERATIONS } from "../shared/lookup.js";
import { listOutput } from "../shared/page.js";
import { resolveUserIds } from "../shared/resolve.js";
import {
  groupIdInput,
  groupMemberInput,
  memberSchema,
  renderMemberLine,
  resolveGroupId,
  toMember,
} from "./group-shape.js";

// Listing and adding are one tool; removing is a separate destructive tool, so each tool's
// annotations stay true to everything it can do.
export const groupsMembers = defineTool({
  name: "devrev_groups_members",
  title: "Group members",
  toolset: "groups",
  description:
    "List (action=list) or add (action=add) a group's members; removing is devrev_groups_members_remove.",
  input: z.object({
    group: groupIdInput,
    action: z.enum(["list", "add"]).default("list"),
    member: groupMemberInput.optional().describe("For add"),
    cursor: cursorInput,
    limit: limitInput,
  }),
  output: z.object({
    group: z.string(),
    action: z.string(),
    items: z.array(memberSchema),
    count: z.number().int(),
    next_cursor: z.string().optional(),
    truncated: z.boolean().optional(),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["groups.members.list", "groups.members.add", "groups.get", ...LOOKUP_OPERATIONS.user],
  async handler(args, ctx) {
    if (args.action === "add" && !args.member)
      throw new ToolInputError('action "add" must have `member`: "me" or a user id.');
    if (args.action === "list" && args.member)
      throw new ToolInputError('`member` is only for action "add"; leave it out to list members.');
    const group = await resolveGroupId(args.group, ctx);
    if (args.action === "add" && args.member) {
      const [member] = await resolveUserIds([args.member], ctx);
      if (!member) throw new ToolInputError("Give the member to add.");
      await ctx.call("groups.members.add", { group, member });
      return {
        text: `Added ${member} to ${args.group.trim()}.`,
        structured: { group, action: "add", items: [], count: 0 },
      };
    }
    const page = await ctx.call("groups.members.list", {
      group,
      limit: clampLimit(args.limit),
      ...(args.cursor ? { cursor: args.cursor } : {}),
    });
    const items = page.members.map((m) => toMember(m.member));
    return listOutput(items, {
      line: renderMemberLine,
      header: `Members of ${args.group.trim()}:`,
      empty: `${args.group.trim()} has no members.`,
      noun: "members",
      nextCursor: page.next_cursor,
      extra: { group, action: "list" },
    });
  },
});
