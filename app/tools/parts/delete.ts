import { z } from "zod";
import { unwrap } from "../../devrev/client.js";
import { defineTool } from "../../mcp/tool.js";
import { resolvePartId } from "../shared/resolve.js";

export const partsDelete = defineTool({
  name: "devrev_parts_delete",
  title: "Delete a part",
  toolset: "parts",
  description:
    "Permanently delete a part (PROD-1, CAPL-2, FEAT-3, ENH-4 or a don: id). DevRev refuses while the part has " +
    "parts below it. Work items that applied to it lose their part. Cannot be undone: confirm with the user first.",
  input: z.object({ id: z.string().min(1).describe("PROD-1, CAPL-2, FEAT-3, ENH-4 or a don: id") }),
  output: z.object({ deleted: z.string() }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  operations: ["parts.delete", "parts.get"],
  async handler(args, ctx) {
    const id = await resolvePartId(args.id, ctx);
    await unwrap(ctx.devrev.api.POST("/parts.delete", { body: { id }, signal: ctx.signal }));
    return { text: `Deleted part ${args.id.trim()} (${id}).`, structured: { deleted: id } };
  },
});
