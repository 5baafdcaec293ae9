import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { toDateTime } from "../shared/dates.js";
import { dateInput } from "../shared/inputs.js";
import { LOOKUP_OPERATIONS } from "../shared/lookup.js";
import { resolvePartIds, resolveUserIds } from "../shared/resolve.js";
import { incidentOwnersInput, incidentPartsInput, resolveStageId, severityInput } from "./incident-inputs.js";
import { incidentDetailSchema, renderIncidentDetail, toIncidentDetail } from "./incident-shape.js";

export const incidentsCreate = defineTool({
  name: "devrev_incidents_create",
  title: "Declare an incident",
  toolset: "incidents",
  description:
    "Declare an incident. Severity 0 = Sev0 (worst) to 3; owners default to the caller, stage to the first.",
  input: z.object({
    title: z.string().trim().min(1).max(256),
    body: z.string().max(65_536).optional().describe("Impact, next steps"),
    severity: severityInput.optional(),
    applies_to_parts: incidentPartsInput.optional(),
    owned_by: incidentOwnersInput.optional(),
    stage: z.string().min(1).optional(),
    identified_date: dateInput.optional(),
    target_close_date: dateInput.optional(),
  }),
  output: z.object({ incident: incidentDetailSchema }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  operations: [
    "incidents.create",
    "stages.custom.list",
    ...LOOKUP_OPERATIONS.user,
    ...LOOKUP_OPERATIONS.part,
  ],
  beta: true,
  async handler(args, ctx) {
    const stage = await resolveStageId(args.stage, ctx);
    const body = {
      title: args.title,
      owned_by: await resolveUserIds(args.owned_by ?? ["me"], ctx),
      ...(args.body ? { body: args.body } : {}),
      ...(args.severity !== undefined ? { severity: args.severity } : {}),
      ...(args.applies_to_parts
        ? { applies_to_parts: await resolvePartIds(args.applies_to_parts, ctx, "applies_to_parts") }
        : {}),
      ...(stage ? { stage: { stage } } : {}),
      ...(args.identified_date ? { identified_date: toDateTime(args.identified_date) } : {}),
      ...(args.target_close_date ? { target_close_date: toDateTime(args.target_close_date) } : {}),
    };
    const { incident } = await ctx.call("incidents.create", body);
    const detail = toIncidentDetail(incident);
    return {
      text: `Declared ${detail.display_id ?? detail.id}.\n${renderIncidentDetail(detail)}`,
      structured: { incident: detail },
    };
  },
});
