import { z } from "zod";
import { clampLimit } from "../../devrev/paginate.js";
import { defineTool } from "../../mcp/tool.js";
import { cursorInput, limitInput, normaliseSortBy, sortByInput } from "../shared/inputs.js";
import { listOutput, pageOutput } from "../shared/page.js";
import { renderTagLine, tagSchema, toTag } from "./tag-shape.js";

export const tagsList = defineTool({
  name: "devrev_tags_list",
  title: "List tags",
  toolset: "tags",
  description: "Tags with the don: ids that tags, add_tags and remove_tags take; filter by exact name.",
  input: z.object({
    name: z.array(z.string().min(1)).optional(),
    sort_by: sortByInput,
    cursor: cursorInput,
    limit: limitInput,
  }),
  output: pageOutput(tagSchema),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["tags.list"],
  async handler(args, ctx) {
    const sortBy = normaliseSortBy(args.sort_by);
    const res = await ctx.call("tags.list", {
      limit: clampLimit(args.limit),
      ...(args.cursor ? { cursor: args.cursor } : {}),
      ...(args.name?.length ? { name: args.name } : {}),
      ...(sortBy ? { sort_by: sortBy } : {}),
    });
    const items = res.tags.map(toTag);
    return listOutput(items, {
      line: renderTagLine,
      empty: "No tags match.",
      noun: "tags",
      nextCursor: res.next_cursor,
    });
  },
});
