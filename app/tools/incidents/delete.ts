import { z } from "zod";
import { unwrap } from "../../devrev/client.js";
import { defineTool } from "../../mcp/tool.js";
import { incidentId, incidentIdInput } from "./incident-inputs.js";

export const incidentsDelete = defineTool({
  name: "devrev_incidents_delete",
  title: "Delete an incident",
  toolset: "incidents",
  description:
    "Permanently delete an incident record (INC-4 or a don: id). It cannot be undone and loses the incident's " +
    "history: confirm with the user first; to close one, set its stage to resolved instead. Beta API.",
  input: z.object({ id: incidentIdInput }),
  output: z.object({ deleted: z.string() }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  operations: ["incidents.delete"],
  beta: true,
  async handler(args, ctx) {
    const id = incidentId(args.id);
    await unwrap(ctx.devrev.api.POST("/incidents.delete", { body: { id }, signal: ctx.signal }));
    return { text: `Deleted incident ${id}.`, structured: { deleted: id } };
  },
});
