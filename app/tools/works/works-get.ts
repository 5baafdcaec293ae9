import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { fetchWork } from "../shared/fetch.js";
import { fetchRecentComments } from "../timeline/comments.js";
import { commentSchema, renderCommentLine } from "../timeline/entry-shape.js";
import { renderWorkDetail, toWorkDetail, workDetailSchema } from "./work-shape.js";

const MAX_COMMENTS = 20;

export const worksGet = defineTool({
  name: "devrev_works_get",
  title: "Get a work item",
  toolset: "works",
  inDefault: true,
  description:
    "One ticket, issue or task in full: description, stage, owners, part, customer, dates; optionally " +
    "its latest comments.",
  input: z.object({
    id: z.string().min(1),
    comments: z.number().int().min(0).optional().describe(`Recent comments to add (max ${MAX_COMMENTS})`),
  }),
  output: z.object({ work: workDetailSchema, comments: z.array(commentSchema).optional() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["works.get", "timeline-entries.list"],
  async handler(args, ctx) {
    const work = await fetchWork(args.id, ctx);
    const detail = toWorkDetail(work);
    const wanted = Math.min(args.comments ?? 0, MAX_COMMENTS);
    if (!wanted) return { text: renderWorkDetail(detail), structured: { work: detail } };
    const comments = await fetchRecentComments(work.id, ctx, wanted, 1_000);
    const text = [
      renderWorkDetail(detail),
      "",
      `## Recent comments (${comments.length}, oldest first)`,
      comments.length ? comments.map(renderCommentLine).join("\n") : "(none)",
    ].join("\n");
    return { text, structured: { work: detail, comments } };
  },
});
