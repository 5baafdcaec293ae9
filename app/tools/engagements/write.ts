import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { requireChanges } from "../shared/changes.js";
import { dateInput } from "../shared/inputs.js";
import { resolveUserIds } from "../shared/resolve.js";
import { toDateTime } from "../works/dates.js";
import { engagementId, engagementIdInput, resolveParent } from "./engagement-inputs.js";
import { CREATE_TYPES, engagementSchema, renderEngagementDetail, toEngagement } from "./engagement-shape.js";

const members = z.array(z.string().min(1)).min(1).max(50);

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
    members: members.describe("Dev or customer user ids"),
    parent: z.string().min(1).optional().describe("Account or opportunity"),
    engagement_type: z.enum(CREATE_TYPES).optional(),
    description: z.string().max(20_000).optional().describe("Notes"),
    external_url: z.url().optional().describe("Recording or meeting link"),
  }),
  output: z.object({ engagement: engagementSchema }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  operations: ["engagements.create", "accounts.get", "works.get", "dev-users.self"],
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
    members: members.optional(),
    external_url: z.url().optional(),
  }),
  output: z.object({ engagement: engagementSchema, changed: z.array(z.string()) }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["engagements.update", "dev-users.self"],
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
