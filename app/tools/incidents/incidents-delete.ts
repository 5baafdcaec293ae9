import { z } from "zod";
import { confirmQuestion } from "../../mcp/confirm.js";
import { defineTool } from "../../mcp/tool.js";
import { incidentId, incidentIdInput } from "./incident-inputs.js";

export const incidentsDelete = defineTool({
  name: "devrev_incidents_delete",
  title: "Delete an incident",
  toolset: "incidents",
  description: "Permanently delete an incident; cannot be undone. To close one, set stage resolved instead.",
  input: z.object({ id: incidentIdInput }),
  output: z.object({ deleted: z.string() }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  operations: ["incidents.get", "incidents.delete"],
  beta: true,
  async handler(args, ctx) {
    const id = incidentId(args.id);
    const { incident } = await ctx.call("incidents.get", { id });
    await ctx.confirm(confirmQuestion("Delete the incident", incident.display_id ?? id, incident.title));
    await ctx.call("incidents.delete", { id });
    return { text: `Deleted incident ${id}.`, structured: { deleted: id } };
  },
});
