import { z } from "zod";
import { DevRevError } from "../../devrev/errors.js";
import type { Work } from "../../devrev/types.js";
import { defineTool, type ToolContext } from "../../mcp/tool.js";
import { ToolInputError } from "../../mcp/tool-errors.js";
import { withArticle } from "../../util/indefinite-article.js";
import { requireChanges } from "../shared/changes.js";
import { toDateTime } from "../shared/dates.js";
import { fetchWork } from "../shared/fetch.js";
import { dateInput } from "../shared/inputs.js";
import { LOOKUP_OPERATIONS } from "../shared/lookup.js";
import { resolveDevUserIds, resolvePartId, resolveWork, tagChanges } from "../shared/resolve.js";
import { checkStageMove, loadTransitions } from "./stage-transitions.js";
import { PRIORITIES, renderWorkDetail, SEVERITIES, toWorkDetail, workDetailSchema } from "./work-shape.js";

const input = z.object({
  id: z.string().min(1),
  title: z.string().trim().min(1).max(256).optional(),
  body: z.string().max(65_536).optional().describe("Markdown; replaces it"),
  stage: z.string().min(1).optional().describe("Stage name, e.g. resolved"),
  owned_by: z.array(z.string()).min(1).optional().describe("Replaces the owners"),
  part: z.string().optional(),
  severity: z.enum(SEVERITIES).optional().describe("Tickets only"),
  priority: z.enum(PRIORITIES).optional().describe("Issues only"),
  add_tags: z.array(z.string()).optional().describe("Tag ids or names"),
  remove_tags: z.array(z.string()).optional().describe("Tag ids or names"),
  target_close_date: dateInput.nullable().optional().describe("null clears it"),
});

const CHANGES = [
  "title",
  "body",
  "stage",
  "owned_by",
  "part",
  "severity",
  "priority",
  "add_tags",
  "remove_tags",
  "target_close_date",
] as const;

export const worksUpdate = defineTool({
  name: "devrev_works_update",
  title: "Update a work item",
  toolset: "works",
  inDefault: true,
  description:
    "Change a ticket, issue or task. A stage move the stage diagram forbids is refused with the allowed " +
    "stages (devrev_works_transitions).",
  input,
  output: z.object({ work: workDetailSchema, changed: z.array(z.string()) }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: [
    "works.update",
    "works.get",
    ...LOOKUP_OPERATIONS.part,
    ...LOOKUP_OPERATIONS.dev_user,
    ...LOOKUP_OPERATIONS.tag,
    "schemas.aggregated.get",
    "stage-diagrams.get",
    "stages.custom.list",
  ],
  async handler(args, ctx) {
    const changed = requireChanges(args, CHANGES);
    const tags = await tagChanges(args, ctx);
    const full = args.stage ? await fetchWork(args.id, ctx) : undefined;
    const work = full
      ? { id: full.id, type: full.type, displayId: full.display_id }
      : await resolveWork(args.id, ctx);
    if (args.severity && work.type !== "ticket")
      throw new ToolInputError(
        `severity applies to tickets; ${args.id} is ${work.type === "issue" ? "an" : "a"} ${work.type}.`,
      );
    if (args.priority && work.type !== "issue")
      throw new ToolInputError(`priority applies to issues; ${args.id} is ${withArticle(work.type)}.`);

    const stage = full && args.stage ? await allowedStage(full, args.stage, ctx) : undefined;

    const common = {
      id: work.id,
      ...(args.title !== undefined ? { title: args.title } : {}),
      ...(args.body !== undefined ? { body: args.body } : {}),
      ...(stage ? { stage: { name: stage } } : {}),
      ...(args.owned_by ? { owned_by: { set: await resolveDevUserIds(args.owned_by, ctx) } } : {}),
      ...(args.part ? { applies_to_part: await resolvePartId(args.part, ctx) } : {}),
      ...(args.target_close_date !== undefined
        ? { target_close_date: args.target_close_date && toDateTime(args.target_close_date) }
        : {}),
      ...tags,
    };
    // DevRev's update union needs `type` beside `id`, or it answers 400.
    const body =
      work.type === "ticket"
        ? { ...common, type: "ticket" as const, ...(args.severity ? { severity: args.severity } : {}) }
        : work.type === "issue"
          ? { ...common, type: "issue" as const, ...(args.priority ? { priority: args.priority } : {}) }
          : { ...common, type: work.type };
    const res = await ctx.call("works.update", body);
    const detail = toWorkDetail(res.work);
    return {
      text: `Updated ${detail.display_id ?? detail.id} (${changed.join(", ")}).\n${renderWorkDetail(detail)}`,
      structured: { work: detail, changed: [...changed] },
    };
  },
});

/**
 * The stage name to send, checked against the stage diagram. When the diagram cannot be read (or
 * does not list the current stage) the requested name goes as given and DevRev decides.
 */
async function allowedStage(work: Work, requested: string, ctx: ToolContext): Promise<string> {
  let transitions: Awaited<ReturnType<typeof loadTransitions>>;
  try {
    transitions = await loadTransitions(work, ctx);
  } catch (err) {
    if (!(err instanceof DevRevError) || err.isAuthFailure) throw err;
    ctx.logger.debug("stage diagram unavailable; leaving the transition check to DevRev", {
      operation: err.operation,
      kind: err.kind,
    });
    return requested;
  }
  if (!transitions) return requested;
  return checkStageMove(transitions, requested, work.display_id ?? work.id, work.type);
}
