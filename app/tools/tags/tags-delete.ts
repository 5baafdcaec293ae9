import { z } from "zod";
import { confirmQuestion } from "../../mcp/confirm.js";
import { defineTool } from "../../mcp/tool.js";
import { resolveTagId, tagIdInput } from "./tag-shape.js";

export const tagsDelete = defineTool({
  name: "devrev_tags_delete",
  title: "Delete a tag",
  toolset: "tags",
  description: "Permanently delete a tag from every object. Confirm with the user first.",
  input: z.object({ id: tagIdInput }),
  output: z.object({ deleted: z.string() }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  operations: ["tags.delete", "tags.get"],
  async handler(args, ctx) {
    const id = await resolveTagId(args.id, ctx);
    const { tag } = await ctx.call("tags.get", { id });
    await ctx.confirm(confirmQuestion("Delete the tag from every object:", tag.name, undefined));
    await ctx.call("tags.delete", { id });
    return { text: `Deleted tag ${args.id.trim()} (${id}).`, structured: { deleted: id } };
  },
});
