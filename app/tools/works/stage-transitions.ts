import { z } from "zod";
import { collect } from "../../devrev/paginate.js";
import type { Schemas, Work } from "../../devrev/types.js";
import type { ToolContext } from "../../mcp/tool.js";
import { ToolInputError } from "../../mcp/tool-errors.js";

// Which stages a work item may move to, read from DevRev's stage diagram for its type and subtype:
// schemas.aggregated.get names the diagram, stage-diagrams.get gives its nodes and transitions, and
// stages.custom.list fills in stage names and states when the diagram only carries ids.

export const stageSchema = z.object({
  name: z.string(),
  state: z.string().optional(),
  final: z.boolean().optional(),
});
export type StageInfo = z.infer<typeof stageSchema>;

export interface StageTransitions {
  current: StageInfo;
  allowed: StageInfo[];
  /** Every stage of the diagram, by name. */
  stages: string[];
  diagram: { id: string; name?: string };
}

type Node = Schemas["stage-node"];
type CustomStage = Schemas["custom-stage"];

export function normaliseStage(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

/**
 * The transitions out of the work item's current stage, or undefined when its stage is not in the
 * diagram (then nothing can be said, and DevRev decides). `states` also looks up each stage's state.
 */
export async function loadTransitions(
  work: Work,
  ctx: ToolContext,
  options: { states?: boolean } = {},
): Promise<StageTransitions | undefined> {
  const { schema } = await ctx.call("schemas.aggregated.get", {
    leaf_type: work.type,
    ...(work.subtype ? { custom_schema_spec: { subtype: work.subtype } } : {}),
  });
  const diagramId = schema.stage_diagram_id?.id;
  const { stage_diagram: diagram } = await ctx.call(
    "stage-diagrams.get",
    diagramId ? { id: diagramId } : { leaf_type: work.type },
  );
  const nodes = diagram.stages ?? [];
  const currentName = work.stage?.name;
  const currentId = work.stage?.stage?.id;
  const node = nodes.find(
    (n) => (currentId && n.stage?.id === currentId) || (currentName && n.stage?.name === currentName),
  );
  if (!node?.stage) return undefined;

  const targets = (node.transitions ?? []).flatMap((t) => (t.target_stage ? [t.target_stage] : []));
  const missingNames = [node.stage, ...targets, ...nodes.map((n) => n.stage)].some((s) => s && !s.name);
  const catalogue = options.states || missingNames ? await customStages(ctx) : new Map<string, CustomStage>();
  const info = (s: Schemas["custom-stage-summary"]): StageInfo | undefined => {
    const full = s.id ? catalogue.get(s.id) : undefined;
    const name = s.name ?? full?.name;
    if (!name) return undefined;
    return {
      name,
      ...(full?.state?.name ? { state: full.state.name } : {}),
      ...(full?.state?.is_final !== undefined ? { final: full.state.is_final } : {}),
    };
  };
  const current = info(node.stage) ?? { name: currentName ?? "unknown" };
  return {
    current,
    allowed: targets.flatMap((t) => info(t) ?? []),
    stages: nodes.flatMap((n: Node) => (n.stage ? (info(n.stage)?.name ?? []) : [])),
    diagram: { id: diagram.id, ...(diagram.name ? { name: diagram.name } : {}) },
  };
}

/** Every custom stage by id; orgs have tens of stages, so three pages of 100 are plenty. */
async function customStages(ctx: ToolContext): Promise<Map<string, CustomStage>> {
  const { items } = await collect(
    async (cursor) => {
      const page = await ctx.call("stages.custom.list", { limit: 100, ...(cursor ? { cursor } : {}) });
      return { items: page.result, nextCursor: page.cursor };
    },
    { maxItems: 300, maxPages: 3 },
  );
  return new Map(items.map((s) => [s.id, s]));
}

/**
 * The stage name to send for a requested move, or a ToolInputError that lists the allowed next
 * stages. Names match loosely ("Work in progress" finds work_in_progress).
 */
export function checkStageMove(t: StageTransitions, requested: string, label: string, type: string): string {
  const want = normaliseStage(requested);
  if (want === normaliseStage(t.current.name)) return t.current.name;
  const allowed = t.allowed.find((s) => normaliseStage(s.name) === want);
  if (allowed) return allowed.name;
  const next = t.allowed.length
    ? `Allowed next stages from "${t.current.name}": ${t.allowed.map((s) => s.name).join(", ")}.`
    : `No stage changes are allowed from "${t.current.name}".`;
  const inDiagram = t.stages.some((s) => normaliseStage(s) === want);
  if (inDiagram) {
    throw new ToolInputError(
      `${label} cannot move from "${t.current.name}" to "${requested.trim()}": DevRev's stage diagram for ${type}s does not allow that transition. ${next} Move through one of them first.`,
    );
  }
  throw new ToolInputError(`"${requested.trim()}" is not a stage of ${type}s. ${next}`);
}

export function renderStage(s: StageInfo): string {
  const detail = [s.state, s.final ? "final" : undefined].filter(Boolean).join(", ");
  return detail ? `${s.name} (${detail})` : s.name;
}
