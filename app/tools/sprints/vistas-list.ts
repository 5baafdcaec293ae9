import { z } from "zod";
import { clampLimit } from "../../devrev/paginate.js";
import { defineTool } from "../../mcp/tool.js";
import { cursorInput, limitInput } from "../shared/inputs.js";
import { listOutput, pageOutput } from "../shared/page.js";
import { renderVistaLine, toVista, vistaSchema } from "./vista-shape.js";

export const vistasList = defineTool({
  name: "devrev_vistas_list",
  title: "List vistas",
  toolset: "sprints",
  description: "List vistas (saved views); flavor sprint_board finds boards for devrev_sprints_list.",
  input: z.object({
    flavor: z.array(z.enum(["sprint_board", "support_inbox", "nnl"])).optional(),
    type: z.array(z.enum(["curated", "dynamic", "grouped"])).optional(),
    cursor: cursorInput,
    limit: limitInput,
  }),
  output: pageOutput(vistaSchema),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["vistas.list"],
  async handler(args, ctx) {
    const res = await ctx.call("vistas.list", {
      limit: clampLimit(args.limit),
      ...(args.cursor ? { cursor: args.cursor } : {}),
      ...(args.flavor?.length ? { flavor: args.flavor } : {}),
      ...(args.type?.length ? { type: args.type } : {}),
    });
    const items = res.vistas.map(toVista);
    return listOutput(items, {
      line: renderVistaLine,
      empty: "No vistas match.",
      noun: "vistas",
      nextCursor: res.next_cursor,
    });
  },
});
