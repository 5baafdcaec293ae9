import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { requireChanges } from "../shared/changes.js";
import { LOOKUP_OPERATIONS } from "../shared/lookup.js";
import { resolveUserIds } from "../shared/resolve.js";
import { groupIdInput, groupSchema, renderGroupLine, resolveGroupId, toGroup } from "./group-shape.js";

const CHANGES = ["name", "description", "owner"] as const;

export const groupsUpdate = defineTool({
  name: "devrev_groups_update",
  title: "Update a group",
  toolset: "groups",
  description:
    "Rename a group or change its description or owner; members change with devrev_groups_members.",
  input: z.object({
    id: groupIdInput,
    name: z.string().trim().min(1).max(256).optional(),
    description: z.string().trim().min(1).max(1_000).optional(),
    owner: z.string().optional(),
  }),
  output: z.object({ group: groupSchema, changed: z.array(z.string()) }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["groups.update", "groups.get", ...LOOKUP_OPERATIONS.user],
  async handler(args, ctx) {
    const changed = requireChanges(args, CHANGES);
    const id = await resolveGroupId(args.id, ctx);
    const [owner] = args.owner ? await resolveUserIds([args.owner], ctx) : [];
    const { group } = await ctx.call("groups.update", {
      id,
      ...(args.name !== undefined ? { name: args.name } : {}),
      ...(args.description !== undefined ? { description: args.description } : {}),
      ...(owner ? { owner } : {}),
    });
    const shaped = toGroup(group);
    return {
      text: `Updated group (${changed.join(", ")}): ${renderGroupLine(shaped)}`,
      structured: { group: shaped, changed: [...changed] },
    };
  },
});
