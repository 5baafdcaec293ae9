import { z } from "zod";
import type { Schemas } from "../../devrev/types.js";
import { defineTool } from "../../mcp/tool.js";
import { ToolInputError } from "../../mcp/tool-errors.js";
import { withArticle } from "../../util/indefinite-article.js";
import { sanitizeLine } from "../../util/sanitize.js";
import { fields } from "../shared/format.js";
import { parseObjectRef, WORK_KINDS } from "../shared/ids.js";

const metricSchema = z.object({
  metric: z.string(),
  stage: z.string(),
  status: z.string().optional(),
  target_time: z.string().optional(),
  breached_at: z.string().optional(),
  completed_at: z.string().optional(),
  remaining_minutes: z.number().optional(),
});

const trackerSchema = z.object({
  id: z.string(),
  applies_to: z.string().optional(),
  applies_to_type: z.string().optional(),
  sla: z.object({ id: z.string(), name: z.string().optional() }).optional(),
  stage: z.string().optional(),
  status: z.string().optional(),
  metrics: z.array(metricSchema),
});

type Tracker = z.infer<typeof trackerSchema>;

function toTracker(t: Schemas["sla-tracker"]): Tracker {
  return {
    id: t.id,
    ...(t.applies_to_id ? { applies_to: t.applies_to_id } : {}),
    ...(t.applies_to_type ? { applies_to_type: t.applies_to_type } : {}),
    ...(t.sla
      ? { sla: { id: t.sla.id, ...(t.sla.name ? { name: sanitizeLine(t.sla.name, 120) } : {}) } }
      : {}),
    ...(t.stage ? { stage: t.stage } : {}),
    ...(t.status ? { status: t.status } : {}),
    metrics: (t.metric_target_summaries ?? []).map((m) => ({
      metric: sanitizeLine(m.metric_definition.name ?? m.metric_definition.id, 80),
      stage: m.stage,
      ...(m.status ? { status: m.status } : {}),
      ...(m.target_time ? { target_time: m.target_time } : {}),
      ...(m.breached_at ? { breached_at: m.breached_at } : {}),
      ...(m.completed_at ? { completed_at: m.completed_at } : {}),
      ...(m.remaining_time !== undefined ? { remaining_minutes: m.remaining_time } : {}),
    })),
  };
}

/** Times matter here (a first response due at 14:00), so they keep hours and minutes, in UTC. */
function when(iso: string | undefined): string | undefined {
  return iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : undefined;
}

export const slaTrackersGet = defineTool({
  name: "devrev_sla_trackers_get",
  title: "SLA status of a ticket",
  toolset: "slas",
  description:
    "A ticket's SLA status: the SLA, whether running, breached or completed, and each metric's target time.",
  input: z.object({
    id: z.string().min(1).describe("Ticket or SLA tracker id"),
  }),
  output: z.object({ ticket: z.string().optional(), tracker: trackerSchema.nullable() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["works.get", "sla-trackers.get"],
  async handler(args, ctx) {
    const ref = parseObjectRef(args.id);
    let trackerId: string | undefined;
    let ticket: string | undefined;
    if (WORK_KINDS.includes(ref.kind)) {
      const { work } = await ctx.call("works.get", { id: ref.id });
      ticket = work.display_id ?? work.id;
      if (work.type !== "ticket")
        throw new ToolInputError(`${ticket} is ${withArticle(work.type)}; SLA status is tracked on tickets.`);
      trackerId = work.sla_tracker?.id ?? work.sla_summary?.sla_tracker?.id;
      if (!trackerId) {
        return {
          text: `No SLA applies to ${ticket}: it has no SLA tracker.`,
          structured: { ticket, tracker: null },
        };
      }
    } else if (ref.kind === "unknown" && /sla_tracker\//.test(ref.id)) {
      trackerId = ref.id;
    } else {
      throw new ToolInputError(
        `"${args.id.trim()}" is not a ticket or SLA tracker id. Give a ticket like TKT-12 (SLA status is tracked on tickets).`,
      );
    }
    const { sla_tracker } = await ctx.call("sla-trackers.get", { id: trackerId });
    const t = toTracker(sla_tracker);
    const text = [
      `SLA ${t.sla?.name ?? t.sla?.id ?? ""} on ${ticket ?? t.applies_to ?? "?"}: ${t.stage ?? t.status ?? "unknown"}`.trim(),
      ...t.metrics.map(
        (m) =>
          `- ${m.metric}: ${fields([
            ["", m.stage],
            ["target", when(m.target_time)],
            ["breached", when(m.breached_at)],
            ["completed", when(m.completed_at)],
            ["remaining", m.remaining_minutes !== undefined ? `${m.remaining_minutes} min` : undefined],
          ])}`,
      ),
      `tracker: ${t.id}`,
    ].join("\n");
    return { text, structured: { ...(ticket ? { ticket } : {}), tracker: t } };
  },
});
