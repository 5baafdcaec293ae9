import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { withArticle } from "../../util/indefinite-article.js";
import { sanitizeText } from "../../util/sanitize.js";
import { day, userLabel, userRef, userRefSchema } from "../shared/format.js";
import { resolveAnyObjectId } from "../shared/resolve.js";

const VISIBILITY = ["internal", "external", "private"] as const;

export const timelineEntriesCreate = defineTool({
  name: "devrev_timeline_entries_create",
  title: "Add a comment",
  toolset: "timeline",
  inDefault: true,
  description:
    "Comment on a work item or any object. Internal by default; external comments are seen by the " +
    "customer.",
  input: z.object({
    object: z.string().min(1),
    body: z.string().trim().min(1).max(65_536).describe("Markdown"),
    visibility: z.enum(VISIBILITY).default("internal"),
  }),
  output: z.object({
    comment: z.object({
      id: z.string(),
      object: z.string(),
      object_display_id: z.string().optional(),
      visibility: z.string().optional(),
      created_by: userRefSchema.optional(),
      created_date: z.string().optional(),
    }),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  operations: ["timeline-entries.create", "works.get", "parts.get"],
  async handler(args, ctx) {
    const object = await resolveAnyObjectId(args.object, ctx);
    const { timeline_entry: entry } = await ctx.call("timeline-entries.create", {
      type: "timeline_comment",
      object,
      body: args.body,
      body_type: "text",
      visibility: args.visibility,
    });
    const author = userRef(entry.created_by);
    const comment = {
      id: entry.id,
      object: entry.object,
      ...(entry.object_display_id ? { object_display_id: entry.object_display_id } : {}),
      ...(entry.visibility ? { visibility: entry.visibility } : {}),
      ...(author ? { created_by: author } : {}),
      ...(entry.created_date ? { created_date: entry.created_date } : {}),
    };
    const where = entry.object_display_id || entry.object;
    const text = `Added ${withArticle(entry.visibility ?? args.visibility)} comment to ${where} as ${userLabel(author)} on ${day(entry.created_date) ?? "today"}.\n> ${sanitizeText(args.body, 300).replace(/\n/g, "\n> ")}`;
    return { text, structured: { comment } };
  },
});
