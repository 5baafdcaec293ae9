import { z } from "zod";
import { confirmQuestion } from "../../mcp/confirm.js";
import { defineTool } from "../../mcp/tool.js";
import { LOOKUP_OPERATIONS } from "../shared/lookup.js";
import { resolvePartId } from "../shared/resolve.js";

export const partsDelete = defineTool({
  name: "devrev_parts_delete",
  title: "Delete a part",
  toolset: "parts",
  description:
    "Permanently delete a part with no parts below it; its work items lose their part. Confirm first.",
  input: z.object({ id: z.string().min(1) }),
  output: z.object({ deleted: z.string() }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  operations: ["parts.delete", ...LOOKUP_OPERATIONS.part],
  async handler(args, ctx) {
    const { part } = await ctx.call("parts.get", { id: await resolvePartId(args.id, ctx) });
    const id = part.id;
    await ctx.confirm(confirmQuestion("Delete the part", part.display_id ?? id, part.name));
    await ctx.call("parts.delete", { id });
    return { text: `Deleted part ${args.id.trim()} (${id}).`, structured: { deleted: id } };
  },
});
