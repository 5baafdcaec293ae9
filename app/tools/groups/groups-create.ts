import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { LOOKUP_OPERATIONS } from "../shared/lookup.js";
import { resolveUserIds } from "../shared/resolve.js";
import { groupSchema, renderGroupLine, toGroup } from "./group-shape.js";

export const groupsCreate = defineTool({
  name: "devrev_groups_create",
  title: "Create a group",
  toolset: "groups",
  description:
    "Create a static group (member_type rev_user: customer contacts); add members via devrev_groups_members.",
  input: z.object({
    name: z.string().trim().min(1).max(256),
    description: z.string().trim().min(1).max(1_000),
    member_type: z.enum(["dev_user", "rev_user"]).default("dev_user"),
    owner: z.string().optional(),
  }),
  output: z.object({ group: groupSchema }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  operations: ["groups.create", ...LOOKUP_OPERATIONS.user],
  async handler(args, ctx) {
    const [owner] = args.owner ? await resolveUserIds([args.owner], ctx) : [];
    const { group } = await ctx.call("groups.create", {
      name: args.name,
      description: args.description,
      type: "static",
      member_type: args.member_type,
      ...(owner ? { owner } : {}),
    });
    const shaped = toGroup(group);
    return {
      text: `Created group ${renderGroupLine(shaped)}\nid: ${shaped.id}`,
      structured: { group: shaped },
    };
  },
});
