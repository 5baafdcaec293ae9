import { z } from "zod";
import { clampLimit } from "../../devrev/paginate.js";
import { defineTool } from "../../mcp/tool.js";
import { cursorInput, limitInput, normaliseSortBy, sortByInput } from "../shared/inputs.js";
import { LOOKUP_OPERATIONS } from "../shared/lookup.js";
import { listOutput, pageOutput } from "../shared/page.js";
import { resolvePartIds, resolveUserIds } from "../shared/resolve.js";
import { resolveStageIds, severityInput } from "./incident-inputs.js";
import { incidentSummarySchema, renderIncidentLine, toIncidentSummary } from "./incident-shape.js";

export const incidentsList = defineTool({
  name: "devrev_incidents_list",
  title: "List incidents",
  toolset: "incidents",
  description:
    "List incidents by severity (0 = Sev0, worst), stage name (identified, mitigated, resolved...), owner or " +
    "part.",
  input: z.object({
    severity: z.array(severityInput).max(10).optional(),
    stage: z.array(z.string().min(1)).max(10).optional(),
    owned_by: z.array(z.string().min(1)).max(10).optional(),
    applies_to_parts: z.array(z.string().min(1)).max(10).optional(),
    sort_by: sortByInput,
    cursor: cursorInput,
    limit: limitInput,
  }),
  output: pageOutput(incidentSummarySchema),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["incidents.list", "stages.custom.list", ...LOOKUP_OPERATIONS.user, ...LOOKUP_OPERATIONS.part],
  beta: true,
  async handler(args, ctx) {
    const sortBy = normaliseSortBy(args.sort_by);
    const body = {
      limit: clampLimit(args.limit),
      ...(args.cursor ? { cursor: args.cursor } : {}),
      ...(args.severity?.length ? { severity: args.severity } : {}),
      ...(args.stage?.length ? { stage: await resolveStageIds(args.stage, ctx) } : {}),
      ...(args.owned_by?.length ? { owned_by: await resolveUserIds(args.owned_by, ctx) } : {}),
      ...(args.applies_to_parts?.length
        ? { applies_to_parts: await resolvePartIds(args.applies_to_parts, ctx, "applies_to_parts") }
        : {}),
      ...(sortBy ? { sort_by: sortBy } : {}),
    };
    const res = await ctx.call("incidents.list", body);
    const items = res.incidents.map(toIncidentSummary);
    return listOutput(items, {
      line: renderIncidentLine,
      empty: "No incidents match these filters.",
      noun: "incidents",
      nextCursor: res.next_cursor,
    });
  },
});
