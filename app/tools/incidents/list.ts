import { z } from "zod";
import { unwrap } from "../../devrev/client.js";
import { clampLimit } from "../../devrev/paginate.js";
import { defineTool } from "../../mcp/tool.js";
import { cursorLine } from "../shared/format.js";
import { limitInput, normaliseSortBy, sortByInput } from "../shared/inputs.js";
import { resolvePartId, resolveUserIds } from "../shared/resolve.js";
import { resolveStageIds, severityInput } from "./incident-inputs.js";
import { incidentSummarySchema, renderIncidentLine, toIncidentSummary } from "./incident-shape.js";

export const incidentsList = defineTool({
  name: "devrev_incidents_list",
  title: "List incidents",
  toolset: "incidents",
  description:
    "List DevRev incidents (outages, degradations), one line each: INC-4, title, severity, stage, owner, part, " +
    "dates. Filter by severity, stage name (identified, mitigated, resolved...), owner or part. Pages of `limit` " +
    "(default 25, max 100) with `cursor`. Beta API.",
  input: z.object({
    severity: z.array(severityInput).max(10).optional(),
    stage: z
      .array(z.string().min(1))
      .max(10)
      .optional()
      .describe('Stage names, e.g. ["identified", "mitigated"]'),
    owned_by: z.array(z.string().min(1)).max(10).optional().describe('"me" or dev user ids'),
    applies_to_parts: z.array(z.string().min(1)).max(10).optional().describe("PROD-1, FEAT-3 or don: ids"),
    sort_by: sortByInput,
    cursor: z.string().optional().describe("next_cursor from the previous page"),
    limit: limitInput,
  }),
  output: z.object({
    items: z.array(incidentSummarySchema),
    count: z.number().int(),
    next_cursor: z.string().optional(),
    truncated: z.boolean().optional(),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["incidents.list", "stages.custom.list", "parts.get", "dev-users.self"],
  beta: true,
  async handler(args, ctx) {
    const sortBy = normaliseSortBy(args.sort_by);
    const body = {
      limit: clampLimit(args.limit),
      ...(args.cursor ? { cursor: args.cursor } : {}),
      ...(args.severity?.length ? { severity: args.severity } : {}),
      ...(args.stage?.length ? { stage: await resolveStageIds(args.stage, ctx) } : {}),
      ...(args.owned_by?.length ? { owned_by: await resolveUserIds(args.owned_by, ctx) } : {}),
      ...(args.applies_to_parts?.length
        ? { applies_to_parts: await Promise.all(args.applies_to_parts.map((p) => resolvePartId(p, ctx))) }
        : {}),
      ...(sortBy ? { sort_by: sortBy } : {}),
    };
    const res = await unwrap(ctx.devrev.api.POST("/incidents.list", { body, signal: ctx.signal }));
    const items = res.incidents.map(toIncidentSummary);
    const text = [
      items.length ? items.map(renderIncidentLine).join("\n") : "No incidents match these filters.",
      cursorLine(res.next_cursor, "incidents"),
    ].join("\n");
    return {
      text,
      structured: {
        items,
        count: items.length,
        ...(res.next_cursor ? { next_cursor: res.next_cursor } : {}),
      },
    };
  },
});
