import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { fetchPartWithChildren } from "./fetch.js";
import { partSchema, renderPartDetail } from "./part-shape.js";

export const partsGet = defineTool({
  name: "devrev_parts_get",
  title: "Get a part",
  toolset: "parts",
  description: "One part (PROD-1, FEAT-3…) with its description, owners and the parts directly below it.",
  input: z.object({ id: z.string().min(1) }),
  output: z.object({ part: partSchema, children: z.array(partSchema) }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["parts.get", "parts.list"],
  async handler(args, ctx) {
    const { part, children, moreChildren } = await fetchPartWithChildren(args.id, ctx);
    const more = moreChildren
      ? `\n(More children exist: devrev_parts_list with parent="${part.display_id ?? part.id}".)`
      : "";
    return { text: renderPartDetail(part, children) + more, structured: { part, children } };
  },
});
