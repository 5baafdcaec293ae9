import { z } from "zod";
import { confirmQuestion } from "../../mcp/confirm.js";
import { defineTool } from "../../mcp/tool.js";
import { ToolInputError } from "../../mcp/tool-errors.js";
import { parseObjectRef } from "../shared/ids.js";

export const linksDelete = defineTool({
  name: "devrev_links_delete",
  title: "Delete a link",
  toolset: "links",
  description: "Remove a link (id from devrev_links_list); the objects stay. Confirm with the user first.",
  input: z.object({ id: z.string().min(1).describe("Link don: id (…:link/N)") }),
  output: z.object({ deleted: z.string() }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  operations: ["links.get", "links.delete"],
  async handler(args, ctx) {
    const ref = parseObjectRef(args.id);
    if (ref.kind !== "unknown" || !/:link\/[^:]+$/.test(ref.id)) {
      throw new ToolInputError(
        `"${args.id.trim()}" is not a link id. Link ids end in link/N; find them with devrev_links_list on either object.`,
      );
    }
    const { link } = await ctx.call("links.get", { id: ref.id });
    const end = (e: { display_id?: string; id: string } | undefined) => e?.display_id ?? e?.id ?? "?";
    await ctx.confirm(
      confirmQuestion(
        `Delete the link ${end(link.source)} ${link.link_type} ${end(link.target)}`,
        ref.id,
        undefined,
      ),
    );
    await ctx.call("links.delete", { id: ref.id });
    return { text: `Deleted link ${ref.id}.`, structured: { deleted: ref.id } };
  },
});
