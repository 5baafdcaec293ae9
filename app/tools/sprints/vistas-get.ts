import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { expectVistaId } from "./sprints-list.js";
import { renderVistaLine, toVista, vistaSchema } from "./vista-shape.js";

export const vistasGet = defineTool({
  name: "devrev_vistas_get",
  title: "Get a vista",
  toolset: "sprints",
  description: "Get one vista (saved view or sprint board).",
  input: z.object({ id: z.string().min(1) }),
  output: z.object({ vista: vistaSchema }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["vistas.get"],
  async handler(args, ctx) {
    const id = expectVistaId(args.id);
    const { vista } = await ctx.call("vistas.get", { id });
    const shaped = toVista(vista);
    const hint =
      shaped.flavor === "sprint_board" ? `\nSprints: devrev_sprints_list board="${shaped.id}".` : "";
    return { text: renderVistaLine(shaped) + hint, structured: { vista: shaped } };
  },
});
