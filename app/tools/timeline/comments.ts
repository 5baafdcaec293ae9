import type { ToolContext } from "../../mcp/tool.js";
import { type Comment, isComment, renderCommentLine, toComment } from "./entry-shape.js";

/**
 * The newest comments on an object, oldest first. One page of 50 entries is read (change events
 * included, then skipped), so this is bounded whatever the timeline's length.
 */
export async function fetchRecentComments(
  objectId: string,
  ctx: ToolContext,
  max = 20,
  bodyMaxChars = 1_500,
): Promise<Comment[]> {
  if (max <= 0) return [];
  const { timeline_entries } = await ctx.call("timeline-entries.list", { object: objectId, limit: 50 });
  return timeline_entries
    .filter(isComment)
    .slice(0, max)
    .reverse()
    .map((e) => toComment(e, bodyMaxChars));
}

/** The same comments as text lines, for prompts. */
export async function recentComments(objectId: string, ctx: ToolContext, max = 20): Promise<string[]> {
  return (await fetchRecentComments(objectId, ctx, max)).map(renderCommentLine);
}
