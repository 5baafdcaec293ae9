import { z } from "zod";
import { unwrap } from "../../devrev/client.js";
import { defineTool } from "../../mcp/tool.js";
import { expectKind, WORK_KINDS } from "../shared/ids.js";
import { renderWorkDetail, toWorkDetail, workDetailSchema } from "./work-shape.js";

export const worksGet = defineTool({
  name: "devrev_works_get",
  title: "Get a work item",
  toolset: "works",
  inDefault: true,
  description:
    "Get one DevRev work item (ticket, issue, task) with its description, stage, owners, part, customer and dates. " +
    "The id may be a display id (TKT-12, ISS-7), a full don: id, or a DevRev URL.",
  input: z.object({ id: z.string().min(1).describe("TKT-12, ISS-7, don:core:... or a DevRev URL") }),
  output: z.object({ work: workDetailSchema }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["works.get"],
  async handler(args, ctx) {
    const ref = expectKind(args.id, WORK_KINDS, "a work item (ticket, issue, task)");
    const { work } = await unwrap(
      ctx.devrev.api.POST("/works.get", { body: { id: ref.id }, signal: ctx.signal }),
    );
    const detail = toWorkDetail(work);
    return { text: renderWorkDetail(detail), structured: { work: detail } };
  },
});
