import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { LOOKUP_OPERATIONS } from "../shared/lookup.js";
import { engagementId, engagementIdInput } from "./engagement-inputs.js";
import { engagementSchema, renderEngagementDetail, toEngagement } from "./engagement-shape.js";

export const engagementsGet = defineTool({
  name: "devrev_engagements_get",
  title: "Get an engagement",
  toolset: "engagements",
  description: "Get one customer engagement (call, meeting, e-mail) with its whole description.",
  input: z.object({ id: engagementIdInput }),
  output: z.object({ engagement: engagementSchema }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["engagements.get", ...LOOKUP_OPERATIONS.user],
  beta: true,
  async handler(args, ctx) {
    const { engagement } = await ctx.call("engagements.get", { id: engagementId(args.id) });
    const out = toEngagement(engagement, 8_000);
    return { text: renderEngagementDetail(out), structured: { engagement: out } };
  },
});
