import { z } from "zod";
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
  operations: ["incidents.delete"],
  beta: true,
  async handler(args, ctx) {
    const id = incidentId(args.id);
    await ctx.call("incidents.delete", { id });
    return { text: `Deleted incident ${id}.`, structured: { deleted: id } };
  },
});
