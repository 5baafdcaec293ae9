import { z } from "zod";
import { clampLimit } from "../../devrev/paginate.js";
import { defineTool } from "../../mcp/tool.js";
import { ToolInputError } from "../../mcp/tool-errors.js";
import { parseObjectRef } from "../shared/ids.js";
import { cursorInput, limitInput } from "../shared/inputs.js";
import { listOutput, pageOutput } from "../shared/page.js";
import { renderSprintLine, sprintSchema, toSprint } from "./vista-shape.js";

/** Vista ids are don: ids (…:vista/N); other kinds of ids are explained. */
export function expectVistaId(input: string): string {
  const ref = parseObjectRef(input);
  if (ref.kind !== "unknown" || (ref.id.startsWith("don:") && !/:vista\/[^:]+$/.test(ref.id))) {
    throw new ToolInputError(
      `"${input.trim()}" is not a vista (board) id. Vista ids end in vista/N; find them with devrev_vistas_list.`,
    );
  }
  return ref.id;
}

export const sprintsList = defineTool({
  name: "devrev_sprints_list",
  title: "List sprints",
  toolset: "sprints",
  description:
    'List sprints of one board or all, with state and dates; state ["active"] is current. devrev_works_list ' +
    "`sprint` lists a sprint's issues.",
  input: z.object({
    board: z.string().min(1).optional().describe("Sprint board (vista) id"),
    state: z.array(z.enum(["planned", "active", "completed"])).optional(),
    cursor: cursorInput,
    limit: limitInput,
  }),
  output: pageOutput(sprintSchema),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["vistas.groups.list"],
  async handler(args, ctx) {
    const board = args.board ? expectVistaId(args.board) : undefined;
    const res = await ctx.call("vistas.groups.list", {
      limit: clampLimit(args.limit),
      group_object_type: ["work"],
      ...(args.cursor ? { cursor: args.cursor } : {}),
      ...(board ? { parent_id: [board] } : {}),
      ...(args.state?.length ? { state: args.state } : {}),
    });
    const items = (res.vista_group ?? []).map(toSprint);
    return listOutput(items, {
      line: renderSprintLine,
      empty: "No sprints match.",
      noun: "sprints",
      nextCursor: res.next_cursor,
    });
  },
});
