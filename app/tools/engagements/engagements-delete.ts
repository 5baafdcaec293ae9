import { z } from "zod";
import { confirmQuestion } from "../../mcp/confirm.js";
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
  operations: ["engagements.get", "engagements.delete", ...LOOKUP_OPERATIONS.user],
  beta: true,
  async handler(args, ctx) {
    const id = engagementId(args.id);
    const { engagement } = await ctx.call("engagements.get", { id });
    await ctx.confirm(
      confirmQuestion("Delete the engagement", engagement.display_id ?? id, engagement.description),
    );
    await ctx.call("engagements.delete", { id });
    return { text: `Deleted engagement ${id}.`, structured: { deleted: id } };
  },
});
