import { z } from "zod";
import { unwrap } from "../../devrev/client.js";
import { clampLimit } from "../../devrev/paginate.js";
import { defineTool } from "../../mcp/tool.js";
import { ToolInputError } from "../../mcp/tool-errors.js";
import { cursorLine } from "../shared/format.js";
import { limitInput } from "../shared/inputs.js";
import { resolveUserIds } from "../shared/resolve.js";
import { groupIdInput, memberSchema, renderMemberLine, resolveGroupId, toMember } from "./group-shape.js";

const memberInput = z
  .string()
  .min(1)
  .describe('"me", a dev user id (don:identity:...:devu/N) or a customer contact id (…:revu/N)');

// Listing and adding are one tool; removing is a separate destructive tool, so each tool's
// annotations stay true to everything it can do.
export const groupsMembers = defineTool({
  name: "devrev_groups_members",
  title: "List or add group members",
  toolset: "groups",
  description:
    'action=list pages through a group\'s members (GRP-2 or a don: id); action=add adds one member ("me" or a ' +
    "user id). Adding someone already in the group changes nothing. To remove a member use " +
    "devrev_groups_members_remove. Pages of `limit` (default 25, max 100); pass next_cursor back as `cursor`.",
  input: z.object({
    group: groupIdInput,
    action: z.enum(["list", "add"]).default("list"),
    member: memberInput.optional().describe("Required for add"),
    cursor: z.string().optional().describe("list: next_cursor from the previous page"),
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
  operations: ["groups.members.list", "groups.members.add", "groups.get", "dev-users.self"],
  async handler(args, ctx) {
    if (args.action === "add" && !args.member)
      throw new ToolInputError('action "add" must have `member`: "me" or a user id.');
    if (args.action === "list" && args.member)
      throw new ToolInputError('`member` is only for action "add"; leave it out to list members.');
    const group = await resolveGroupId(args.group, ctx);
    if (args.action === "add" && args.member) {
      const [member] = await resolveUserIds([args.member], ctx);
      if (!member) throw new ToolInputError("Give the member to add.");
      await unwrap(
        ctx.devrev.api.POST("/groups.members.add", { body: { group, member }, signal: ctx.signal }),
      );
      return {
        text: `Added ${member} to ${args.group.trim()}.`,
        structured: { group, action: "add", items: [], count: 0 },
      };
    }
    const page = await unwrap(
      ctx.devrev.api.POST("/groups.members.list", {
        body: { group, limit: clampLimit(args.limit), ...(args.cursor ? { cursor: args.cursor } : {}) },
        signal: ctx.signal,
      }),
    );
    const items = page.members.map((m) => toMember(m.member));
    const text = [
      items.length ? `Members of ${args.group.trim()}:` : `${args.group.trim()} has no members.`,
      ...items.map(renderMemberLine),
      cursorLine(page.next_cursor, "members"),
    ].join("\n");
    return {
      text,
      structured: {
        group,
        action: "list",
        items,
        count: items.length,
        ...(page.next_cursor ? { next_cursor: page.next_cursor } : {}),
      },
    };
  },
});

export const groupsMembersRemove = defineTool({
  name: "devrev_groups_members_remove",
  title: "Remove a group member",
  toolset: "groups",
  description:
    'Remove one member ("me" or a user id) from a group (GRP-2 or a don: id). They lose whatever the group ' +
    "gave them (assignments, access). Confirm with the user first.",
  input: z.object({ group: groupIdInput, member: memberInput }),
  output: z.object({ group: z.string(), removed: z.string() }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  operations: ["groups.members.remove", "groups.get", "dev-users.self"],
  async handler(args, ctx) {
    const group = await resolveGroupId(args.group, ctx);
    const [member] = await resolveUserIds([args.member], ctx);
    if (!member) throw new ToolInputError("Give the member to remove.");
    await unwrap(
      ctx.devrev.api.POST("/groups.members.remove", { body: { group, member }, signal: ctx.signal }),
    );
    return { text: `Removed ${member} from ${args.group.trim()}.`, structured: { group, removed: member } };
  },
});
