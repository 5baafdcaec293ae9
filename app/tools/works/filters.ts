import { z } from "zod";
import type { Schemas } from "../../devrev/types.js";
import type { ToolContext } from "../../mcp/tool.js";
import { ToolInputError } from "../../mcp/tool-errors.js";
import { LOOKUP_OPERATIONS } from "../shared/lookup.js";
import { resolveDevUserIds, resolvePartIds, resolveRevOrgIds, resolveTagIds } from "../shared/resolve.js";
import { checkStageNames, WORK_STATES } from "../shared/stage-filter.js";
import { PRIORITIES, SEVERITIES, WORK_TYPES } from "./work-shape.js";

// The work filters of devrev_works_list, shared by its count_only mode, so "how many" and "which"
// always mean the same set.

const ids = z.array(z.string()).optional();

export const workFilterShape = {
  type: z.array(z.enum(WORK_TYPES)).optional(),
  stage: z.array(z.string().min(1)).optional().describe("Stage names"),
  state: z.array(z.enum(WORK_STATES)).optional(),
  owned_by: ids,
  part: ids,
  severity: z.array(z.enum(SEVERITIES)).optional(),
  priority: z.array(z.enum(PRIORITIES)).optional(),
  rev_org: ids.describe("Customers (REV-2, ACC-3, names); tickets"),
  tags: ids,
  sprint: ids.describe("Sprint don: ids (issues)"),
};

/** The filter names, in the order an empty result lists them. */
export const WORK_FILTER_KEYS = Object.keys(workFilterShape);

/**
 * Ids the API takes only in full (sprints have no display id or name lookup). Checked here rather
 * than with `.startsWith("don:")`, which would add a pattern to every tools/list entry that uses them.
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
  Schemas["works-list-request"],
  "type" | "stage" | "state" | "owned_by" | "applies_to_part" | "ticket" | "issue" | "tags"
>;

/** What resolving the filters may call, for the operations lists of the tools that use them. */
export const WORK_FILTER_OPERATIONS = [
  "stage-diagrams.list",
  ...LOOKUP_OPERATIONS.dev_user,
  ...LOOKUP_OPERATIONS.part,
  ...LOOKUP_OPERATIONS.customer,
  ...LOOKUP_OPERATIONS.tag,
];

/**
 * The DevRev request fields for the given filters. Every id form is resolved ("me", DEVU-2, an
 * e-mail, PROD-1, "Payments", REV-2, "Globex", TAG-7, "urgent") and stage names are checked against
 * the stage diagrams of the requested types.
 */
export async function workFilterBody(args: WorkFilterArgs, ctx: ToolContext): Promise<FilterBody> {
  const body: FilterBody = {};
  const sprint = donIds(args.sprint, "sprint");
  const [stages, owners, parts, revOrg, tags] = await Promise.all([
    args.stage?.length
      ? checkStageNames(args.stage, args.type?.length ? args.type : WORK_TYPES, ctx)
      : undefined,
    args.owned_by?.length ? resolveDevUserIds(args.owned_by, ctx, "owned_by") : undefined,
    args.part?.length ? resolvePartIds(args.part, ctx, "part") : undefined,
    args.rev_org?.length ? resolveRevOrgIds(args.rev_org, ctx) : undefined,
    args.tags?.length ? resolveTagIds(args.tags, ctx) : undefined,
  ]);
  if (args.type?.length) body.type = args.type;
  if (stages) body.stage = { name: stages };
  if (args.state?.length) body.state = args.state;
  if (owners) body.owned_by = owners;
  if (parts) body.applies_to_part = parts;
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
