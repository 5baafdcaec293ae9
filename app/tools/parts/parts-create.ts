import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { ToolInputError } from "../../mcp/tool-errors.js";
import { toDateTime } from "../shared/dates.js";
import { dateInput } from "../shared/inputs.js";
import { LOOKUP_OPERATIONS } from "../shared/lookup.js";
import { resolvePartId, resolveUserIds } from "../shared/resolve.js";
import { PART_TYPES, partSchema, renderPartDetail, toPart } from "./part-shape.js";

export const partsCreate = defineTool({
  name: "devrev_parts_create",
  title: "Create a part",
  toolset: "parts",
  description:
    "Create a product, capability (under a product), feature (under a capability or feature) or " +
    "enhancement. Only products have no parent.",
  input: z.object({
    type: z.enum(PART_TYPES),
    name: z.string().trim().min(1).max(256),
    parent: z.string().min(1).optional(),
    description: z.string().max(65_536).optional(),
    owned_by: z.array(z.string()).optional().describe("Default: me"),
    target_close_date: dateInput.optional().describe("Enhancements only"),
  }),
  output: z.object({ part: partSchema }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  operations: ["parts.create", ...LOOKUP_OPERATIONS.user, ...LOOKUP_OPERATIONS.part],
  async handler(args, ctx) {
    if (args.type === "product" && args.parent)
      throw new ToolInputError("A product is a root part: leave out parent.");
    if (args.type !== "product" && !args.parent)
      throw new ToolInputError(
        `A ${args.type} must have a parent part: give parent (find one with devrev_parts_list).`,
      );
    if (args.type !== "enhancement" && args.target_close_date)
      throw new ToolInputError("target_close_date applies to enhancements only.");
    const common = {
      name: args.name,
      owned_by: await resolveUserIds(args.owned_by?.length ? args.owned_by : ["me"], ctx),
      ...(args.description ? { description: args.description } : {}),
    };
    const parent = args.parent ? [await resolvePartId(args.parent, ctx)] : [];
    const body =
      args.type === "product"
        ? { ...common, type: "product" as const }
        : args.type === "enhancement"
          ? {
              ...common,
              type: "enhancement" as const,
              parent_part: parent,
              ...(args.target_close_date ? { target_close_date: toDateTime(args.target_close_date) } : {}),
            }
          : { ...common, type: args.type, parent_part: parent };
    const { part } = await ctx.call("parts.create", body);
    const shaped = toPart(part, 4_000);
    return {
      text: `Created ${shaped.display_id ?? shaped.id}.\n${renderPartDetail(shaped)}`,
      structured: { part: shaped },
    };
  },
});
