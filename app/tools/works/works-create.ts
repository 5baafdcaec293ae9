import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { ToolInputError } from "../../mcp/tool-errors.js";
import { toDateTime } from "../shared/dates.js";
import { dateInput } from "../shared/inputs.js";
import { LOOKUP_OPERATIONS } from "../shared/lookup.js";
import { resolveDevUserIds, resolvePartId, resolveRevOrgIds, resolveTagIds } from "../shared/resolve.js";
import { PRIORITIES, renderWorkDetail, SEVERITIES, toWorkDetail, workDetailSchema } from "./work-shape.js";

const input = z.object({
  type: z.enum(["ticket", "issue", "task"]),
  title: z.string().trim().min(1).max(256),
  body: z.string().max(65_536).optional().describe("Markdown"),
  part: z.string().min(1).describe("Product or feature: PROD-1 or its name"),
  owned_by: z.array(z.string()).optional().describe("Default: me"),
  severity: z.enum(SEVERITIES).optional().describe("Tickets only"),
  priority: z.enum(PRIORITIES).optional().describe("Issues only"),
  rev_org: z.string().optional().describe("Customer (REV-2, ACC-3 or name); tickets only"),
  tags: z.array(z.string()).optional().describe("Tag ids or names"),
  target_close_date: dateInput.optional(),
});

export const worksCreate = defineTool({
  name: "devrev_works_create",
  title: "Create a ticket, issue or task",
  toolset: "works",
  inDefault: true,
  description:
    "Create a ticket (customer problem), issue (engineering work) or task. Check devrev_works_list " +
    "for an existing item before retrying.",
  input,
  output: z.object({ work: workDetailSchema }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  operations: [
    "works.create",
    ...LOOKUP_OPERATIONS.part,
    ...LOOKUP_OPERATIONS.dev_user,
    ...LOOKUP_OPERATIONS.customer,
    ...LOOKUP_OPERATIONS.tag,
  ],
  async handler(args, ctx) {
    if (args.type !== "ticket" && (args.severity || args.rev_org)) {
      throw new ToolInputError("severity and rev_org apply to tickets only; use priority for issues.");
    }
    if (args.type !== "issue" && args.priority) {
      throw new ToolInputError("priority applies to issues only; use severity for tickets.");
    }
    // A customer named by its account stands for its rev orgs; a ticket takes the first.
    const revOrg = args.rev_org ? (await resolveRevOrgIds([args.rev_org], ctx))[0] : undefined;
    const tags = args.tags?.length ? await resolveTagIds(args.tags, ctx) : undefined;
    const common = {
      title: args.title,
      applies_to_part: await resolvePartId(args.part, ctx),
      owned_by: await resolveDevUserIds(args.owned_by?.length ? args.owned_by : ["me"], ctx),
      ...(args.body ? { body: args.body } : {}),
      ...(tags ? { tags: tags.map((id) => ({ id })) } : {}),
      ...(args.target_close_date ? { target_close_date: toDateTime(args.target_close_date) } : {}),
    };
    const body =
      args.type === "ticket"
        ? {
            ...common,
            type: "ticket" as const,
            ...(args.severity ? { severity: args.severity } : {}),
            ...(revOrg ? { rev_org: revOrg } : {}),
          }
        : args.type === "issue"
          ? { ...common, type: "issue" as const, ...(args.priority ? { priority: args.priority } : {}) }
          : { ...common, type: "task" as const };
    const { work } = await ctx.call("works.create", body);
    const detail = toWorkDetail(work);
    return {
      text: `Created ${detail.display_id ?? detail.id}.\n${renderWorkDetail(detail)}`,
      structured: { work: detail },
    };
  },
});
