import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { LOOKUP_OPERATIONS } from "../shared/lookup.js";
import { engagementId, engagementIdInput } from "./engagement-inputs.js";

export const engagementsDelete = defineTool({
  name: "devrev_engagements_delete",
  title: "Delete an engagement",
  toolset: "engagements",
  description: "Permanently delete a logged customer engagement; cannot be undone.",
  input: z.object({ id: engagementIdInput }),
  output: z.object({ deleted: z.string() }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  operations: ["engagements.delete", ...LOOKUP_OPERATIONS.user],
  beta: true,
  async handler(args, ctx) {
    const id = engagementId(args.id);
    await ctx.call("engagements.delete", { id });
    return { text: `Deleted engagement ${id}.`, structured: { deleted: id } };
  },
});
