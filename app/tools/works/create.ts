import { z } from "zod";
import { unwrap } from "../../devrev/client.js";
import { defineTool } from "../../mcp/tool.js";
import { ToolInputError } from "../../mcp/tool-errors.js";
import { resolvePartId, resolveUserIds } from "../shared/resolve.js";
import { dateInput, toDateTime } from "./dates.js";
import { PRIORITIES, renderWorkDetail, SEVERITIES, toWorkDetail, workDetailSchema } from "./work-shape.js";

const input = z.object({
  type: z
    .enum(["ticket", "issue", "task"])
    .describe("ticket = a customer's problem; issue = engineering work; task = a to-do"),
  title: z.string().trim().min(1).max(256),
  body: z.string().max(65_536).optional().describe("Description in Markdown"),
  part: z
    .string()
    .min(1)
    .describe("The product/feature it applies to: PROD-1, FEAT-3 or a don: id (find with devrev_parts_list)"),
  owned_by: z.array(z.string()).optional().describe('Owners: "me" (default) or dev user ids'),
  severity: z.enum(SEVERITIES).optional().describe("Tickets only"),
  priority: z.enum(PRIORITIES).optional().describe("Issues only"),
  rev_org: z.string().startsWith("don:").optional().describe("Customer (rev org) id; tickets only"),
  tags: z.array(z.string().startsWith("don:")).optional().describe("Tag ids"),
  target_close_date: dateInput.optional().describe("Due date: 2026-03-31 or a date-time"),
});

export const worksCreate = defineTool({
  name: "devrev_works_create",
  title: "Create a ticket, issue or task",
  toolset: "works",
  inDefault: true,
  description:
    "Create a DevRev ticket (customer-reported problem; may set severity and customer rev_org), issue " +
    "(engineering work; may set priority) or task. A part (product or feature) is required; owners default to the " +
    "caller. Not idempotent: each call creates a new item, so do not retry a call that may have succeeded — " +
    "list recent items first.",
  input,
  output: z.object({ work: workDetailSchema }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  operations: ["works.create", "parts.get", "dev-users.self"],
  async handler(args, ctx) {
    if (args.type !== "ticket" && (args.severity || args.rev_org)) {
      throw new ToolInputError("severity and rev_org apply to tickets only; use priority for issues.");
    }
    if (args.type !== "issue" && args.priority) {
      throw new ToolInputError("priority applies to issues only; use severity for tickets.");
    }
    const common = {
      title: args.title,
      applies_to_part: await resolvePartId(args.part, ctx),
      owned_by: await resolveUserIds(args.owned_by?.length ? args.owned_by : ["me"], ctx),
      ...(args.body ? { body: args.body } : {}),
      ...(args.tags ? { tags: args.tags.map((id) => ({ id })) } : {}),
      ...(args.target_close_date ? { target_close_date: toDateTime(args.target_close_date) } : {}),
    };
    const body =
      args.type === "ticket"
        ? {
            ...common,
            type: "ticket" as const,
            ...(args.severity ? { severity: args.severity } : {}),
            ...(args.rev_org ? { rev_org: args.rev_org } : {}),
          }
        : args.type === "issue"
          ? { ...common, type: "issue" as const, ...(args.priority ? { priority: args.priority } : {}) }
          : { ...common, type: "task" as const };
    const { work } = await unwrap(ctx.devrev.api.POST("/works.create", { body, signal: ctx.signal }));
    const detail = toWorkDetail(work);
    return {
      text: `Created ${detail.display_id ?? detail.id}.\n${renderWorkDetail(detail)}`,
      structured: { work: detail },
    };
  },
});
