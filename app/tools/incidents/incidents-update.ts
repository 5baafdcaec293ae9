import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { requireChanges } from "../shared/changes.js";
import { toDateTime } from "../shared/dates.js";
import { dateInput } from "../shared/inputs.js";
import { LOOKUP_OPERATIONS } from "../shared/lookup.js";
import { resolvePartIds, resolveUserIds } from "../shared/resolve.js";
import {
  incidentId,
  incidentIdInput,
  incidentOwnersInput,
  incidentPartsInput,
  resolveStageId,
  severityInput,
} from "./incident-inputs.js";
import { incidentDetailSchema, renderIncidentDetail, toIncidentDetail } from "./incident-shape.js";

const CHANGES = [
  "title",
  "body",
  "severity",
  "stage",
  "owned_by",
  "applies_to_parts",
  "mitigated_date",
  "target_close_date",
] as const;

export const incidentsUpdate = defineTool({
  name: "devrev_incidents_update",
  title: "Update an incident",
  toolset: "incidents",
  description:
    "Change an incident's stage (e.g. mitigated, resolved), severity, title, body, dates, owners or parts.",
  input: z.object({
    id: incidentIdInput,
    title: z.string().trim().min(1).max(256).optional(),
    body: z.string().max(65_536).optional(),
    severity: severityInput.optional(),
    stage: z.string().min(1).optional(),
    owned_by: incidentOwnersInput.optional(),
    applies_to_parts: incidentPartsInput.optional(),
    mitigated_date: dateInput.optional(),
    target_close_date: dateInput.optional(),
  }),
  output: z.object({ incident: incidentDetailSchema, changed: z.array(z.string()) }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: [
    "incidents.update",
    "stages.custom.list",
    ...LOOKUP_OPERATIONS.user,
    ...LOOKUP_OPERATIONS.part,
  ],
  beta: true,
  async handler(args, ctx) {
    const changed = requireChanges(args, CHANGES);
    const id = incidentId(args.id);
    const stage = await resolveStageId(args.stage, ctx);
    const body = {
      id,
      ...(args.title !== undefined ? { title: args.title } : {}),
      ...(args.body !== undefined ? { body: args.body } : {}),
      ...(args.severity !== undefined ? { severity: args.severity } : {}),
      ...(stage ? { stage: { stage } } : {}),
      ...(args.owned_by ? { owned_by: { set: await resolveUserIds(args.owned_by, ctx) } } : {}),
      ...(args.applies_to_parts
        ? {
            applies_to_parts: {
              set: await resolvePartIds(args.applies_to_parts, ctx, "applies_to_parts"),
            },
          }
        : {}),
      ...(args.mitigated_date ? { mitigated_date: toDateTime(args.mitigated_date) } : {}),
      ...(args.target_close_date ? { target_close_date: toDateTime(args.target_close_date) } : {}),
    };
    const { incident } = await ctx.call("incidents.update", body);
    const detail = toIncidentDetail(incident);
    return {
      text: `Updated ${detail.display_id ?? detail.id} (${changed.join(", ")}).\n${renderIncidentDetail(detail)}`,
      structured: { incident: detail, changed: [...changed] },
    };
  },
});
