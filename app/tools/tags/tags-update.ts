import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { requireChanges } from "../shared/changes.js";
import { renderTagLine, resolveTagId, tagIdInput, tagSchema, toTag } from "./tag-shape.js";
import { colorInput } from "./tags-create.js";

const CHANGES = ["name", "description", "allowed_values", "color"] as const;

export const tagsUpdate = defineTool({
  name: "devrev_tags_update",
  title: "Update a tag",
  toolset: "tags",
  description: "Rename a tag or change its description, allowed values or colour.",
  input: z.object({
    id: tagIdInput,
    name: z.string().trim().min(1).max(64).optional(),
    description: z.string().max(1_000).optional(),
    allowed_values: z.array(z.string().min(1)).optional().describe("Replaces them"),
    color: colorInput,
  }),
  output: z.object({ tag: tagSchema, changed: z.array(z.string()) }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["tags.update", "tags.get"],
  async handler(args, ctx) {
    const changed = requireChanges(args, CHANGES);
    const id = await resolveTagId(args.id, ctx);
    const { tag } = await ctx.call("tags.update", {
      id,
      ...(args.name !== undefined ? { name: args.name } : {}),
      ...(args.description !== undefined ? { description: args.description } : {}),
      ...(args.allowed_values ? { allowed_values: { set: args.allowed_values } } : {}),
      ...(args.color ? { style_new: { color: args.color } } : {}),
    });
    const shaped = toTag(tag);
    return {
      text: `Updated tag (${changed.join(", ")}): ${renderTagLine(shaped)}`,
      structured: { tag: shaped, changed: [...changed] },
    };
  },
});
