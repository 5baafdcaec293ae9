import { z } from "zod";
import { unwrap } from "../../devrev/client.js";
import { defineTool } from "../../mcp/tool.js";
import { workFilterBody, workFilterShape } from "./filters.js";

export const worksCount = defineTool({
  name: "devrev_works_count",
  title: "Count work items",
  toolset: "works",
  description:
    "Count DevRev work items matching filters (the same filters as devrev_works_list, without fetching the " +
    'items): e.g. open blocker tickets for a customer, or issues in a sprint. Use owned_by=["me"] for the ' +
    "caller's own work.",
  input: z.object(workFilterShape),
  output: z.object({ count: z.number().int(), more: z.boolean() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["works.count", "parts.get", "dev-users.self"],
  async handler(args, ctx) {
    const body = await workFilterBody(args, ctx);
    const res = await unwrap(ctx.devrev.api.POST("/works.count", { body, signal: ctx.signal }));
    const filters = Object.entries(args)
      .filter(([, v]) => Array.isArray(v) && v.length)
      .map(([k, v]) => `${k}=${(v as string[]).join("|")}`)
      .join(", ");
    const text = `${res.count}${res.has_more ? "+" : ""} work items${filters ? ` match ${filters}` : " in total"}.`;
    return { text, structured: { count: res.count, more: res.has_more } };
  },
});
