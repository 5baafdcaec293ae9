import { z } from "zod";
import { confirmQuestion } from "../../mcp/confirm.js";
import { defineTool } from "../../mcp/tool.js";
import { fetchWork } from "../shared/fetch.js";

export const worksDelete = defineTool({
  name: "devrev_works_delete",
  title: "Delete a work item",
  toolset: "works",
  description:
    "Permanently delete a ticket, issue or task with its comments and links. Prefer closing it " +
    "(devrev_works_update stage); confirm with the user first.",
  input: z.object({ id: z.string().min(1) }),
  output: z.object({ deleted: z.object({ id: z.string(), display_id: z.string().optional() }) }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  operations: ["works.delete", "works.get"],
  async handler(args, ctx) {
    const work = await fetchWork(args.id, ctx);
    await ctx.confirm(confirmQuestion("Permanently delete", work.display_id ?? work.id, work.title));
    await ctx.call("works.delete", { id: work.id });
    const deleted = { id: work.id, ...(work.display_id ? { display_id: work.display_id } : {}) };
    return { text: `Deleted ${work.display_id ?? work.id}.`, structured: { deleted } };
  },
});
