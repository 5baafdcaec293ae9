import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { ToolInputError } from "../../mcp/tool-errors.js";
import { withArticle } from "../../util/indefinite-article.js";
import { parseObjectRef } from "../shared/ids.js";
import { renderSlaLine, slaSchema, toSla } from "./sla-shape.js";

export const slasGet = defineTool({
  name: "devrev_slas_get",
  title: "Get an SLA",
  toolset: "slas",
  description: "Get one SLA: type, status, evaluation period, description.",
  input: z.object({ id: z.string().min(1) }),
  output: z.object({ sla: slaSchema }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["slas.get"],
  async handler(args, ctx) {
    const ref = parseObjectRef(args.id);
    if (ref.kind !== "unknown") {
      throw new ToolInputError(
        `"${args.id.trim()}" is not an SLA id (it is ${withArticle(ref.kind.replace("_", " "))} id). For a ticket's SLA status use devrev_sla_trackers_get; SLA ids come from devrev_slas_list.`,
      );
    }
    const { sla } = await ctx.call("slas.get", { id: ref.id });
    const shaped = toSla(sla);
    return {
      text: [renderSlaLine(shaped), shaped.description ?? ""].filter(Boolean).join("\n"),
      structured: { sla: shaped },
    };
  },
});
