import { z } from "zod";
import { clampLimit } from "../../devrev/paginate.js";
import { defineTool } from "../../mcp/tool.js";
import { cursorInput, limitInput } from "../shared/inputs.js";
import { listOutput, pageOutput } from "../shared/page.js";
import { resolveAnyObjectId } from "../shared/resolve.js";
import { LINK_TYPES, linkSchema, renderLinkLine, toLink } from "./link-shape.js";

const DIRECTION = { outgoing: "is_source", incoming: "is_target" } as const;

export const linksList = defineTool({
  name: "devrev_links_list",
  title: "List links",
  toolset: "links",
  description:
    "An object's links (related issues, dependencies, duplicates, parents); outgoing = object is the source.",
  input: z.object({
    object: z.string().min(1),
    direction: z.enum(["both", "outgoing", "incoming"]).default("both"),
    link_type: z.array(z.enum(LINK_TYPES)).optional(),
    cursor: cursorInput,
    limit: limitInput,
  }),
  output: z.object({ object: z.string(), ...pageOutput(linkSchema).shape }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["links.list", "works.get", "parts.get"],
  async handler(args, ctx) {
    // The live API answers 400 without `object`, though the spec marks it optional.
    const object = await resolveAnyObjectId(args.object, ctx);
    const res = await ctx.call("links.list", {
      object,
      limit: clampLimit(args.limit),
      ...(args.cursor ? { cursor: args.cursor } : {}),
      ...(args.direction !== "both" ? { direction: DIRECTION[args.direction] } : {}),
      ...(args.link_type?.length ? { link_type: args.link_type } : {}),
    });
    const items = res.links.map(toLink);
    return listOutput(items, {
      line: (l) => renderLinkLine(l, object),
      header: `Links of ${args.object.trim()}:`,
      empty: `${args.object.trim()} has no links matching these filters.`,
      noun: "links",
      nextCursor: res.next_cursor,
      extra: { object },
    });
  },
});
