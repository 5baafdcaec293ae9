import { z } from "zod";
import { clampLimit } from "../../devrev/paginate.js";
import { defineTool } from "../../mcp/tool.js";
import { cursorInput, limitInput } from "../shared/inputs.js";
import { listOutput, pageOutput } from "../shared/page.js";
import { renderSlaLine, slaSchema, toSla } from "./sla-shape.js";

export const slasList = defineTool({
  name: "devrev_slas_list",
  title: "List SLAs",
  toolset: "slas",
  description:
    "List SLAs: what each applies to, status, external or internal. A ticket's SLA status: " +
    "devrev_sla_trackers_get.",
  input: z.object({
    applies_to: z.array(z.enum(["ticket", "conversation", "issue", "incident"])).optional(),
    status: z.array(z.enum(["draft", "published", "archived"])).optional(),
    sla_type: z.array(z.enum(["external", "internal"])).optional(),
    cursor: cursorInput,
    limit: limitInput,
  }),
  output: pageOutput(slaSchema),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["slas.list"],
  async handler(args, ctx) {
    const res = await ctx.call("slas.list", {
      limit: clampLimit(args.limit),
      ...(args.cursor ? { cursor: args.cursor } : {}),
      ...(args.applies_to?.length ? { applies_to: args.applies_to } : {}),
      ...(args.status?.length ? { status: args.status } : {}),
      ...(args.sla_type?.length ? { sla_type: args.sla_type } : {}),
    });
    const items = res.slas.map(toSla);
    return listOutput(items, {
      line: renderSlaLine,
      empty: "No SLAs match.",
      noun: "SLAs",
      nextCursor: res.next_cursor,
    });
  },
});
