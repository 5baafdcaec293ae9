import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { ToolInputError } from "../../mcp/tool-errors.js";
import { sanitizeText } from "../../util/sanitize.js";
import { day, userLabel } from "../shared/format.js";
import { expectKind } from "../shared/ids.js";
import { commentSchema, toComment } from "./entry-shape.js";

export const commentIdInput = z.string().min(1).describe("Comment don: id (…/comment/N)");

/** Comment ids are full don: ids ending in comment/N; anything else is explained. */
export function commentId(input: string): string {
  const ref = expectKind(input, ["comment"], "a comment id");
  if (!ref.id.startsWith("don:")) {
    throw new ToolInputError(
      `"${input}" is not a comment id. Comment ids are full don: ids ending in comment/N; find them with devrev_timeline_entries_list.`,
    );
  }
  return ref.id;
}

export const timelineEntriesUpdate = defineTool({
  name: "devrev_timeline_entries_update",
  title: "Edit a comment",
  toolset: "timeline",
  description: "Replace a comment's text. Comment ids come from devrev_timeline_entries_list.",
  input: z.object({
    id: commentIdInput,
    body: z.string().trim().min(1).max(65_536).describe("Markdown"),
  }),
  output: z.object({ comment: commentSchema }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["timeline-entries.update"],
  async handler(args, ctx) {
    const id = commentId(args.id);
    const { timeline_entry: entry } = await ctx.call("timeline-entries.update", {
      type: "timeline_comment",
      id,
      body: args.body,
      body_type: "text",
    });
    const comment = toComment(entry, 4_000);
    const where = comment.object_display_id ?? comment.object ?? "its object";
    const text = `Edited the comment on ${where} by ${userLabel(comment.author)} (${day(comment.created_date) ?? "?"}).\n> ${sanitizeText(comment.body, 300).replace(/\n/g, "\n> ")}`;
    return { text, structured: { comment } };
  },
});
