import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { incidentId, incidentIdInput } from "./incident-inputs.js";
import { incidentDetailSchema, renderIncidentDetail, toIncidentDetail } from "./incident-shape.js";

export const incidentsGet = defineTool({
  name: "devrev_incidents_get",
  title: "Get an incident",
  toolset: "incidents",
  description: "Get one incident with its body, severity, stage, owners, parts and dates.",
  input: z.object({ id: incidentIdInput }),
  output: z.object({ incident: incidentDetailSchema }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["incidents.get"],
  beta: true,
  async handler(args, ctx) {
    const { incident } = await ctx.call("incidents.get", { id: incidentId(args.id) });
    const detail = toIncidentDetail(incident);
    return { text: renderIncidentDetail(detail), structured: { incident: detail } };
  },
});
