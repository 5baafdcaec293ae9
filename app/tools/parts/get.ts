import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { fetchPartWithChildren } from "./fetch.js";
import { partSchema, renderPartDetail } from "./part-shape.js";

export const partsGet = defineTool({
  name: "devrev_parts_get",
  title: "Get a part",
  toolset: "parts",
  description:
    "Get one part (product PROD-1, capability CAPL-2, feature FEAT-3, enhancement ENH-4, or a don: id) with its " +
    "description, owners and the parts directly below it.",
  input: z.object({ id: z.string().min(1).describe("PROD-1, CAPL-2, FEAT-3, ENH-4 or a don: id") }),
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
