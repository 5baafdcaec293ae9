import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { ToolInputError } from "../../mcp/tool-errors.js";
import { resolveAnyObjectId } from "../shared/resolve.js";
import { LINK_TYPES, linkSchema, renderLinkLine, toLink } from "./link-shape.js";

export const linksCreate = defineTool({
  name: "devrev_links_create",
  title: "Link two objects",
  toolset: "links",
  description:
    "Link two objects, e.g. a ticket to an issue: source link_type target (TKT-12 is_related_to ISS-7). May " +
    "duplicate an existing link; check devrev_links_list.",
  input: z.object({
    source: z.string().min(1),
    target: z.string().min(1),
    link_type: z.enum(LINK_TYPES),
  }),
  output: z.object({ link: linkSchema }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  operations: ["links.create", "works.get", "parts.get"],
  async handler(args, ctx) {
    const [source, target] = await Promise.all([
      resolveAnyObjectId(args.source, ctx),
      resolveAnyObjectId(args.target, ctx),
    ]);
    if (source === target) throw new ToolInputError("source and target must be different objects.");
    const { link } = await ctx.call("links.create", { link_type: args.link_type, source, target });
    const shaped = toLink(link);
    return { text: `Linked: ${renderLinkLine(shaped)}`, structured: { link: shaped } };
  },
});
