import { z } from "zod";
import { confirmQuestion } from "../../mcp/confirm.js";
import { defineTool } from "../../mcp/tool.js";
import { ToolInputError } from "../../mcp/tool-errors.js";
import { LOOKUP_OPERATIONS } from "../shared/lookup.js";
import { resolveUserIds } from "../shared/resolve.js";
import { groupIdInput, groupMemberInput, resolveGroupId } from "./group-shape.js";

export const groupsMembersRemove = defineTool({
  name: "devrev_groups_members_remove",
  title: "Remove a group member",
  toolset: "groups",
  description: "Remove a member from a group; they lose its assignments and access.",
  input: z.object({ group: groupIdInput, member: groupMemberInput }),
  output: z.object({ group: z.string(), removed: z.string() }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  operations: ["groups.members.remove", "groups.get", ...LOOKUP_OPERATIONS.user],
  async handler(args, ctx) {
    const group = await resolveGroupId(args.group, ctx);
    const [member] = await resolveUserIds([args.member], ctx);
    if (!member) throw new ToolInputError("Give the member to remove.");
    await ctx.confirm(
      confirmQuestion(
        `Remove ${args.member.trim()} (${member}) from the group`,
        args.group.trim(),
        undefined,
      ),
    );
    await ctx.call("groups.members.remove", { group, member });
    return { text: `Removed ${member} from ${args.group.trim()}.`, structured: { group, removed: member } };
  },
});
