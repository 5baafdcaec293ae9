import { unwrap } from "../../devrev/client.js";
import type { TimelineEntry } from "../../devrev/types.js";
import type { ToolContext } from "../../mcp/tool.js";
import { sanitizeText } from "../../util/sanitize.js";
import { day, userLabel, userRef } from "../shared/format.js";

/** The newest comments on an object, oldest first, as text; change events are skipped. */
export async function recentComments(objectId: string, ctx: ToolContext, max = 20): Promise<string[]> {
  const { timeline_entries } = await unwrap(
    ctx.devrev.api.POST("/timeline-entries.list", {
      body: { object: objectId, limit: 50 },
      signal: ctx.signal,
    }),
  );
  return timeline_entries
    .filter(isComment)
    .slice(0, max)
    .reverse()
    .map(
      (c) =>
        `- ${day(c.created_date) ?? ""} ${userLabel(userRef(c.created_by))} (${c.visibility ?? "internal"}): ${sanitizeText(c.body ?? "", 1_500)}`,
    );
}

// Live timelines also carry `timeline_change_event` entries the spec's enum does not list.
function isComment(e: TimelineEntry): e is TimelineEntry & { type: "timeline_comment"; body?: string } {
  return e.type === "timeline_comment";
}
