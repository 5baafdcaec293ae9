import { z } from "zod";
import { unwrap } from "../../devrev/client.js";
import { DevRevError } from "../../devrev/errors.js";
import type { Work } from "../../devrev/types.js";
import { defineTool, type ToolContext } from "../../mcp/tool.js";
import { ToolInputError } from "../../mcp/tool-errors.js";
import { expectKind, WORK_KINDS } from "../shared/ids.js";
import { resolvePartId, resolveUserIds, resolveWork } from "../shared/resolve.js";
import { toDateTime } from "./dates.js";
import { checkStageMove, loadTransitions } from "./stage-transitions.js";
import { PRIORITIES, renderWorkDetail, SEVERITIES, toWorkDetail, workDetailSchema } from "./work-shape.js";

const input = z.object({
  id: z.string().min(1).describe("TKT-12, ISS-7, a don: id or a DevRev URL"),
  title: z.string().trim().min(1).max(256).optional(),
  body: z.string().max(65_536).optional().describe("New description (replaces the old one)"),
  stage: z.string().min(1).optional().describe('New stage name, e.g. "work_in_progress" or "resolved"'),
  owned_by: z
    .array(z.string())
    .min(1)
    .optional()
    .describe('New owners (replaces them): "me" or dev user ids'),
  part: z.string().optional().describe("New part: PROD-1, FEAT-3 or a don: id"),
  severity: z.enum(SEVERITIES).optional().describe("Tickets only"),
  priority: z.enum(PRIORITIES).optional().describe("Issues only"),
  add_tags: z.array(z.string().startsWith("don:")).optional().describe("Tag ids to add"),
  remove_tags: z.array(z.string().startsWith("don:")).optional().describe("Tag ids to remove"),
  target_close_date: z
    .union([z.iso.datetime({ offset: true }), z.iso.date(), z.null()])
    .optional()
    .describe("New due date, or null to clear it"),
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
    "Change a DevRev work item: title, description, stage, owners, part, severity (tickets), priority (issues), " +
    "tags or due date. Only the fields given change. Setting the same values again is harmless. A stage change " +
    "is checked against DevRev's stage diagram first; a move it does not allow is refused with the allowed next " +
    "stages (see devrev_works_transitions).",
  input,
  output: z.object({ work: workDetailSchema, changed: z.array(z.string()) }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: [
    "works.update",
    "works.get",
    "parts.get",
    "dev-users.self",
    "schemas.aggregated.get",
    "stage-diagrams.get",
    "stages.custom.list",
  ],
  async handler(args, ctx) {
    const changed = CHANGES.filter((k) => args[k] !== undefined);
    if (changed.length === 0)
      throw new ToolInputError(`Nothing to change: give at least one of ${CHANGES.join(", ")}.`);
    const full = args.stage ? await getWork(args.id, ctx) : undefined;
    const work = full
      ? { id: full.id, type: full.type, displayId: full.display_id }
      : await resolveWork(args.id, ctx);
    if (args.severity && work.type !== "ticket")
      throw new ToolInputError(
        `severity applies to tickets; ${args.id} is ${work.type === "issue" ? "an" : "a"} ${work.type}.`,
      );
    if (args.priority && work.type !== "issue")
      throw new ToolInputError(`priority applies to issues; ${args.id} is a ${work.type}.`);

    const stage = full && args.stage ? await allowedStage(full, args.stage, ctx) : undefined;

    const tags =
      args.add_tags || args.remove_tags
        ? {
            tags: {
              ...(args.add_tags ? { add: args.add_tags.map((id) => ({ id })) } : {}),
              ...(args.remove_tags ? { remove: args.remove_tags.map((id) => ({ id })) } : {}),
            },
          }
        : {};
    const common = {
      id: work.id,
      ...(args.title !== undefined ? { title: args.title } : {}),
      ...(args.body !== undefined ? { body: args.body } : {}),
      ...(stage ? { stage: { name: stage } } : {}),
      ...(args.owned_by ? { owned_by: { set: await resolveUserIds(args.owned_by, ctx) } } : {}),
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
    const res = await unwrap(ctx.devrev.api.POST("/works.update", { body, signal: ctx.signal }));
    const detail = toWorkDetail(res.work);
    return {
      text: `Updated ${detail.display_id ?? detail.id} (${changed.join(", ")}).\n${renderWorkDetail(detail)}`,
      structured: { work: detail, changed: [...changed] },
    };
  },
});

async function getWork(input: string, ctx: ToolContext): Promise<Work> {
  const ref = expectKind(input, WORK_KINDS, "a work item (ticket, issue, task)");
  const { work } = await unwrap(
    ctx.devrev.api.POST("/works.get", { body: { id: ref.id }, signal: ctx.signal }),
  );
  return work;
}

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
