import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { commentId, commentIdInput } from "./timeline-entries-update.js";

export const timelineEntriesDelete = defineTool({
  name: "devrev_timeline_entries_delete",
  title: "Delete a comment",
  toolset: "timeline",
  description:
    "Permanently delete a comment (id from devrev_timeline_entries_list). Confirm with the user first.",
  input: z.object({ id: commentIdInput }),
  output: z.object({ deleted: z.string() }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  operations: ["timeline-entries.delete"],
  async handler(args, ctx) {
    const id = commentId(args.id);
    await ctx.call("timeline-entries.delete", { id });
    return { text: `Deleted comment ${id}.`, structured: { deleted: id } };
  },
});
