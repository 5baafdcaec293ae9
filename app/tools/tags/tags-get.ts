import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { expectKind } from "../shared/ids.js";
import { renderTagLine, tagIdInput, tagSchema, toTag } from "./tag-shape.js";

export const tagsGet = defineTool({
  name: "devrev_tags_get",
  title: "Get a tag",
  toolset: "tags",
  description: "One tag (TAG-3): name, description, allowed values, colour, full id.",
  input: z.object({ id: tagIdInput }),
  output: z.object({ tag: tagSchema }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["tags.get"],
  async handler(args, ctx) {
    const ref = expectKind(args.id, ["tag"], "a tag");
    const { tag } = await ctx.call("tags.get", { id: ref.id });
    const shaped = toTag(tag);
    return { text: renderTagLine(shaped), structured: { tag: shaped } };
  },
});
