import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { requireChanges } from "../shared/changes.js";
import { toDateTime } from "../shared/dates.js";
import { dateInput } from "../shared/inputs.js";
import { LOOKUP_OPERATIONS } from "../shared/lookup.js";
import { resolveUserIds } from "../shared/resolve.js";
import { engagementId, engagementIdInput, engagementMembersInput } from "./engagement-inputs.js";
import { engagementSchema, renderEngagementDetail, toEngagement } from "./engagement-shape.js";

const CHANGES = ["title", "description", "scheduled_date", "members", "external_url"] as const;

export const engagementsUpdate = defineTool({
  name: "devrev_engagements_update",
  title: "Update an engagement",
  toolset: "engagements",
  description: "Change an engagement's title, notes, time, participants (replaced) or link.",
  input: z.object({
    id: engagementIdInput,
    title: z.string().trim().min(1).max(256).optional(),
    description: z.string().max(20_000).optional(),
    scheduled_date: dateInput.optional(),
    members: engagementMembersInput.optional(),
    external_url: z.url().optional(),
  }),
  output: z.object({ engagement: engagementSchema, changed: z.array(z.string()) }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["engagements.update", ...LOOKUP_OPERATIONS.user],
  beta: true,
  async handler(args, ctx) {
    const changed = requireChanges(args, CHANGES);
    const body = {
      id: engagementId(args.id),
      ...(args.title !== undefined ? { title: args.title } : {}),
      ...(args.description !== undefined ? { description: args.description } : {}),
      ...(args.scheduled_date ? { scheduled_date: toDateTime(args.scheduled_date) } : {}),
      ...(args.members ? { members: { set: await resolveUserIds(args.members, ctx) } } : {}),
      ...(args.external_url ? { external_url: args.external_url } : {}),
    };
    const { engagement } = await ctx.call("engagements.update", body);
    const out = toEngagement(engagement, 2_000);
    return {
      text: `Updated ${out.display_id ?? out.id} (${changed.join(", ")}).\n${renderEngagementDetail(out)}`,
      structured: { engagement: out, changed: [...changed] },
    };
  },
});
