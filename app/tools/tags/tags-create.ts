import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { renderTagLine, tagSchema, toTag } from "./tag-shape.js";

export const colorInput = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, "must be a hex colour like #d73a4a")
  .optional()
  .describe("e.g. #d73a4a");

export const tagsCreate = defineTool({
  name: "devrev_tags_create",
  title: "Create a tag",
  toolset: "tags",
  description: "Create a tag (names are unique). With allowed_values, each use carries one of those values.",
  input: z.object({
    name: z.string().trim().min(1).max(64),
    description: z.string().max(1_000).optional(),
    allowed_values: z.array(z.string().min(1)).optional(),
    color: colorInput,
  }),
  output: z.object({ tag: tagSchema }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  operations: ["tags.create"],
  async handler(args, ctx) {
    const { tag } = await ctx.call("tags.create", {
      name: args.name,
      ...(args.description ? { description: args.description } : {}),
      ...(args.allowed_values?.length ? { allowed_values: args.allowed_values } : {}),
      ...(args.color ? { style_new: { color: args.color } } : {}),
    });
    const shaped = toTag(tag);
    return { text: `Created tag ${renderTagLine(shaped)}`, structured: { tag: shaped } };
  },
});
