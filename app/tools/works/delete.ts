import { z } from "zod";
import { unwrap } from "../../devrev/client.js";
import { defineTool } from "../../mcp/tool.js";
import { resolveWork } from "../shared/resolve.js";

export const worksDelete = defineTool({
  name: "devrev_works_delete",
  title: "Delete a work item",
  toolset: "works",
  description:
    "Permanently delete a ticket, issue or task (TKT-12, ISS-7, a don: id or URL) with its comments and links. " +
    "Cannot be undone: prefer moving it to a closed stage (canceled, wont_fix, duplicate) with " +
    "devrev_works_update, and confirm with the user before deleting.",
  input: z.object({ id: z.string().min(1).describe("TKT-12, ISS-7, don:core:... or a DevRev URL") }),
  output: z.object({ deleted: z.object({ id: z.string(), display_id: z.string().optional() }) }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  operations: ["works.delete", "works.get"],
  async handler(args, ctx) {
    const work = await resolveWork(args.id, ctx);
    await unwrap(ctx.devrev.api.POST("/works.delete", { body: { id: work.id }, signal: ctx.signal }));
    const deleted = { id: work.id, ...(work.displayId ? { display_id: work.displayId } : {}) };
    return { text: `Deleted ${work.displayId ?? work.id}.`, structured: { deleted } };
  },
});
