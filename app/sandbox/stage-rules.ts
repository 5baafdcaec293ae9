// Which stages a work item may be in and move to, read from the seeded stage diagrams, so the sandbox
// and stage-diagrams.get agree.
import { badRequest, invalidField } from "./errors.js";
import type { StageDiagramRec, StageNodeRec } from "./records.js";
import type { Store } from "./store.js";
import { stageByName } from "./summaries.js";

export function diagramFor(store: Store, leafType: string): StageDiagramRec | undefined {
  return store.stageDiagrams.all().find((d) => d.leaf_type === leafType && d.is_default);
}

function nodeFor(store: Store, leafType: string, stageName: string): StageNodeRec | undefined {
  const stage = stageByName(store, stageName);
  return stage && diagramFor(store, leafType)?.stages.find((n) => n.stage === stage.id);
}

export function startStage(store: Store, leafType: string): string {
  const start = diagramFor(store, leafType)?.stages.find((n) => n.is_start);
  const stage = start && store.customStages.get(start.stage);
  if (!stage) throw new Error(`no start stage for ${leafType}`);
  return stage.name;
}

/** The stage name if the leaf type's diagram has it; `stage.name` is a 400 otherwise. */
export function checkStage(store: Store, leafType: string, name: string, field = "stage.name"): string {
  if (!nodeFor(store, leafType, name)) throw invalidField(field, `'${name}' is not a stage of ${leafType}`);
  return name;
}

export function allowedNextStages(store: Store, leafType: string, from: string): string[] {
  const node = nodeFor(store, leafType, from);
  return (node?.transitions ?? []).flatMap((id) => store.customStages.get(id)?.name ?? []);
}

export function checkTransition(store: Store, leafType: string, from: string, to: string): void {
  if (from === to) return;
  const allowed = allowedNextStages(store, leafType, from);
  if (!allowed.includes(to)) {
    throw badRequest(`invalid stage transition from '${from}' to '${to}'; allowed: ${allowed.join(", ")}`);
  }
}

export function isFinalStage(store: Store, name: string): boolean {
  const stage = stageByName(store, name);
  return Boolean(stage && store.customStates.get(stage.state)?.is_final);
}
