import { z } from "zod";
import { clampLimit } from "../../devrev/paginate.js";
import { defineTool } from "../../mcp/tool.js";
import { cursorInput, limitInput, normaliseSortBy, sortByInput } from "../shared/inputs.js";
import { LOOKUP_OPERATIONS } from "../shared/lookup.js";
import { listOutput, pageOutput } from "../shared/page.js";
import { resolvePartId, resolveUserIds } from "../shared/resolve.js";
import { PART_TYPES, partSchema, renderPartLine, toPart } from "./part-shape.js";

export const partsList = defineTool({
  name: "devrev_parts_list",
  title: "List parts",
  toolset: "parts",
  inDefault: true,
  description:
    "Parts: the product tree (product > capability > feature, plus enhancements) that work items apply " +
    "to. `parent` lists one level below a part.",
  input: z.object({
    type: z.array(z.enum(PART_TYPES)).optional(),
    name: z.array(z.string().min(1)).optional().describe("Exact names"),
    owned_by: z.array(z.string()).optional(),
    parent: z.string().optional(),
    sort_by: sortByInput,
    cursor: cursorInput,
    limit: limitInput,
  }),
  output: pageOutput(partSchema),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: [...LOOKUP_OPERATIONS.user, ...LOOKUP_OPERATIONS.part],
  async handler(args, ctx) {
    const sortBy = normaliseSortBy(args.sort_by);
    const res = await ctx.call("parts.list", {
      limit: clampLimit(args.limit),
      ...(args.cursor ? { cursor: args.cursor } : {}),
      ...(args.type?.length ? { type: args.type } : {}),
      ...(args.name?.length ? { name: args.name } : {}),
      ...(args.owned_by?.length ? { owned_by: await resolveUserIds(args.owned_by, ctx) } : {}),
      ...(args.parent ? { parent_part: { parts: [await resolvePartId(args.parent, ctx)], level: 1 } } : {}),
      ...(sortBy ? { sort_by: sortBy } : {}),
    });
    const items = res.parts.map((p) => toPart(p, 200));
    return listOutput(items, {
      line: renderPartLine,
      empty: "No parts match these filters.",
      noun: "parts",
      nextCursor: res.next_cursor,
    });
  },
});
