import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { toDateTime } from "../shared/dates.js";
import { dateInput } from "../shared/inputs.js";
import { LOOKUP_OPERATIONS } from "../shared/lookup.js";
import { resolveUserIds } from "../shared/resolve.js";
import { engagementMembersInput, resolveParent } from "./engagement-inputs.js";
import { CREATE_TYPES, engagementSchema, renderEngagementDetail, toEngagement } from "./engagement-shape.js";

export const engagementsCreate = defineTool({
  name: "devrev_engagements_create",
  title: "Log an engagement",
  toolset: "engagements",
  description:
    "Log a customer engagement (call, e-mail, offline meeting...) with its time, participants and parent " +
    "account or opportunity.",
  input: z.object({
    title: z.string().trim().min(1).max(256),
    scheduled_date: dateInput,
    members: engagementMembersInput.describe("Dev or customer user ids"),
    parent: z.string().min(1).optional().describe("Account or opportunity"),
    engagement_type: z.enum(CREATE_TYPES).optional(),
    description: z.string().max(20_000).optional().describe("Notes"),
    external_url: z.url().optional().describe("Recording or meeting link"),
  }),
  output: z.object({ engagement: engagementSchema }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  operations: ["engagements.create", "accounts.get", "works.get", ...LOOKUP_OPERATIONS.user],
  beta: true,
  async handler(args, ctx) {
    const body = {
      title: args.title,
      scheduled_date: toDateTime(args.scheduled_date),
      members: await resolveUserIds(args.members, ctx),
      ...(args.parent ? { parent: await resolveParent(args.parent, ctx) } : {}),
      ...(args.engagement_type ? { engagement_type: args.engagement_type } : {}),
      ...(args.description ? { description: args.description } : {}),
      ...(args.external_url ? { external_url: args.external_url } : {}),
    };
    const { engagement } = await ctx.call("engagements.create", body);
    const out = toEngagement(engagement, 2_000);
    return {
      text: `Logged ${out.display_id ?? out.id}.\n${renderEngagementDetail(out)}`,
      structured: { engagement: out },
    };
  },
});
