import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { ToolInputError } from "../../mcp/tool-errors.js";
import { withArticle } from "../../util/indefinite-article.js";
import { requireChanges } from "../shared/changes.js";
import { toDateTime } from "../shared/dates.js";
import { dateInput } from "../shared/inputs.js";
import { LOOKUP_OPERATIONS } from "../shared/lookup.js";
import { resolveUserIds } from "../shared/resolve.js";
import { parsePartRef } from "./fetch.js";
import { partSchema, renderPartDetail, toPart } from "./part-shape.js";

const CHANGES = ["name", "description", "owned_by", "target_close_date"] as const;

export const partsUpdate = defineTool({
  name: "devrev_parts_update",
  title: "Update a part",
  toolset: "parts",
  description: "Rename a part or change its description, owners or (enhancements) target close date.",
  input: z.object({
    id: z.string().min(1),
    name: z.string().trim().min(1).max(256).optional(),
    description: z.string().max(65_536).optional(),
    owned_by: z.array(z.string()).min(1).optional().describe("Replaces the owners"),
    target_close_date: dateInput.nullable().optional().describe("Enhancements; null clears it"),
  }),
  output: z.object({ part: partSchema, changed: z.array(z.string()) }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["parts.update", "parts.get", ...LOOKUP_OPERATIONS.user],
  async handler(args, ctx) {
    const changed = requireChanges(args, CHANGES);
    // DevRev's update union needs the part's type beside its id.
    const { part: current } = await ctx.call("parts.get", { id: parsePartRef(args.id).id });
    if (args.target_close_date !== undefined && current.type !== "enhancement")
      throw new ToolInputError(
        `target_close_date applies to enhancements; ${args.id} is ${withArticle(current.type)}.`,
      );
    const common = {
      id: current.id,
      ...(args.name !== undefined ? { name: args.name } : {}),
      ...(args.description !== undefined ? { description: args.description } : {}),
      ...(args.owned_by ? { owned_by: { set: await resolveUserIds(args.owned_by, ctx) } } : {}),
    };
    const body =
      current.type === "enhancement"
        ? {
            ...common,
            type: "enhancement" as const,
            ...(args.target_close_date !== undefined
              ? { target_close_date: args.target_close_date && toDateTime(args.target_close_date) }
              : {}),
          }
        : { ...common, type: current.type };
    const { part } = await ctx.call("parts.update", body);
    const shaped = toPart(part, 4_000);
    return {
      text: `Updated ${shaped.display_id ?? shaped.id} (${changed.join(", ")}).\n${renderPartDetail(shaped)}`,
      structured: { part: shaped, changed: [...changed] },
    };
  },
});
