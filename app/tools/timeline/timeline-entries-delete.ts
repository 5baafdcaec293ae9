import { z } from "zod";
import { confirmQuestion } from "../../mcp/confirm.js";
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
  operations: ["timeline-entries.get", "timeline-entries.delete"],
  async handler(args, ctx) {
    const id = commentId(args.id);
    const { timeline_entry: entry } = await ctx.call("timeline-entries.get", { id });
    const on =
      "object_display_id" in entry && entry.object_display_id ? ` on ${entry.object_display_id}` : "";
    const body = "body" in entry && typeof entry.body === "string" ? entry.body : undefined;
    await ctx.confirm(confirmQuestion(`Delete the comment${on}`, id, body));
    await ctx.call("timeline-entries.delete", { id });
    return { text: `Deleted comment ${id}.`, structured: { deleted: id } };
  },
});
