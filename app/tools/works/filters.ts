import { z } from "zod";
import type { Schemas } from "../../devrev/types.js";
import type { ToolContext } from "../../mcp/tool.js";
import { ToolInputError } from "../../mcp/tool-errors.js";
import { resolvePartId, resolveUserIds } from "../shared/resolve.js";
import { PRIORITIES, SEVERITIES, WORK_TYPES } from "./work-shape.js";

// The work filters of devrev_works_list, shared by its count_only mode, so "how many" and "which"
// always mean the same set.

const ids = z.array(z.string()).optional();

export const workFilterShape = {
  type: z.array(z.enum(WORK_TYPES)).optional(),
  stage: z.array(z.string().min(1)).optional().describe("Stage names"),
  owned_by: ids,
  part: ids,
  severity: z.array(z.enum(SEVERITIES)).optional(),
  priority: z.array(z.enum(PRIORITIES)).optional(),
  rev_org: ids.describe("Customer don: ids (tickets)"),
  tags: ids.describe("Tag don: ids"),
  sprint: ids.describe("Sprint don: ids (issues)"),
};

/**
 * Ids the API takes only in full (rev orgs, tags, sprints). Checked here rather than with
 * `.startsWith("don:")`, which would add a pattern to every tools/list entry that uses them.
 */
export function donIds(values: readonly string[] | undefined, field: string): string[] | undefined {
  if (!values) return undefined;
  const bad = values.find((v) => !v.startsWith("don:"));
  if (bad !== undefined) throw new ToolInputError(`${field}: "${bad.slice(0, 80)}" is not a full don: id.`);
  return [...values];
}

const filterObject = z.object(workFilterShape);
export type WorkFilterArgs = z.output<typeof filterObject>;

type FilterBody = Pick<
  Schemas["works-count-request"],
  "type" | "stage" | "owned_by" | "applies_to_part" | "ticket" | "issue" | "tags"
>;

/** The DevRev request fields for the given filters; "me", PROD-1 and friends are resolved. */
export async function workFilterBody(args: WorkFilterArgs, ctx: ToolContext): Promise<FilterBody> {
  const body: FilterBody = {};
  const revOrg = donIds(args.rev_org, "rev_org");
  const tags = donIds(args.tags, "tags");
  const sprint = donIds(args.sprint, "sprint");
  if (args.type?.length) body.type = args.type;
  if (args.stage?.length) body.stage = { name: args.stage };
  if (args.owned_by?.length) body.owned_by = await resolveUserIds(args.owned_by, ctx);
  if (args.part?.length)
    body.applies_to_part = await Promise.all(args.part.map((p) => resolvePartId(p, ctx)));
  if (args.severity?.length || revOrg?.length) {
    body.ticket = {
      ...(args.severity?.length ? { severity: args.severity } : {}),
      ...(revOrg?.length ? { rev_org: revOrg } : {}),
    };
  }
  if (args.priority?.length || sprint?.length) {
    body.issue = {
      ...(args.priority?.length ? { priority: args.priority } : {}),
      ...(sprint?.length ? { sprint } : {}),
    };
  }
  if (tags?.length) body.tags = tags;
  return body;
}
