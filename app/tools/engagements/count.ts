import { z } from "zod";
import { unwrap } from "../../devrev/client.js";
import { defineTool } from "../../mcp/tool.js";
import { engagementFilterBody, engagementFilters, FILTER_OPERATIONS } from "./engagement-inputs.js";

export const engagementsCount = defineTool({
  name: "devrev_engagements_count",
  title: "Count engagements",
  toolset: "engagements",
  description:
    'Count customer engagements matching filters without listing them, e.g. "how many calls with ACC-1?". Beta API.',
  input: z.object(engagementFilters),
  output: z.object({ count: z.number().int() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["engagements.count", ...FILTER_OPERATIONS],
  beta: true,
  async handler(args, ctx) {
    const body = await engagementFilterBody(args, ctx);
    const { count } = await unwrap(ctx.devrev.api.POST("/engagements.count", { body, signal: ctx.signal }));
    const what = Object.keys(body).length ? "match these filters" : "exist";
    return { text: `${count} engagement(s) ${what}.`, structured: { count } };
  },
});
