import { z } from "zod";
import type { Schemas } from "../../devrev/types.js";
import type { ToolContext } from "../../mcp/tool.js";
import { resolvePartId, resolveUserIds } from "../shared/resolve.js";
import { PRIORITIES, SEVERITIES, WORK_TYPES } from "./work-shape.js";

// The work filters that devrev_works_list and devrev_works_count share, so "how many" and "which"
// always mean the same set.

export const workFilterShape = {
  type: z.array(z.enum(WORK_TYPES)).optional().describe("Work types to include; default all"),
  stage: z.array(z.string().min(1)).optional().describe('Stage names, e.g. ["queued", "work_in_progress"]'),
  owned_by: z.array(z.string()).optional().describe('"me" or dev user ids (don:identity:...:devu/N)'),
  part: z.array(z.string()).optional().describe("Parts the work applies to: PROD-1, FEAT-3 or don: ids"),
  severity: z.array(z.enum(SEVERITIES)).optional().describe("Ticket severities"),
  priority: z.array(z.enum(PRIORITIES)).optional().describe("Issue priorities"),
  rev_org: z.array(z.string().startsWith("don:")).optional().describe("Customer (rev org) ids, for tickets"),
  tags: z.array(z.string().startsWith("don:")).optional().describe("Tag ids"),
  sprint: z
    .array(z.string().startsWith("don:"))
    .optional()
    .describe("Sprint ids from devrev_sprints_list (issues only)"),
};

const filterObject = z.object(workFilterShape);
export type WorkFilterArgs = z.output<typeof filterObject>;

type FilterBody = Pick<
  Schemas["works-count-request"],
  "type" | "stage" | "owned_by" | "applies_to_part" | "ticket" | "issue" | "tags"
>;

/** The DevRev request fields for the given filters; "me", PROD-1 and friends are resolved. */
export async function workFilterBody(args: WorkFilterArgs, ctx: ToolContext): Promise<FilterBody> {
  const body: FilterBody = {};
  if (args.type?.length) body.type = args.type;
  if (args.stage?.length) body.stage = { name: args.stage };
  if (args.owned_by?.length) body.owned_by = await resolveUserIds(args.owned_by, ctx);
  if (args.part?.length)
    body.applies_to_part = await Promise.all(args.part.map((p) => resolvePartId(p, ctx)));
  if (args.severity?.length || args.rev_org?.length) {
    body.ticket = {
      ...(args.severity?.length ? { severity: args.severity } : {}),
      ...(args.rev_org?.length ? { rev_org: args.rev_org } : {}),
    };
  }
  if (args.priority?.length || args.sprint?.length) {
    body.issue = {
      ...(args.priority?.length ? { priority: args.priority } : {}),
      ...(args.sprint?.length ? { sprint: args.sprint } : {}),
    };
  }
  if (args.tags?.length) body.tags = args.tags;
  return body;
}
