// stage-diagrams.*, stages.custom.*, states.custom.*: the data that answers "which stages may this
// work item move to". These lists page with a single `cursor` field and answer under `result`.
import type { S } from "../api-types.js";
import { notFound } from "../errors.js";
import type { Fields } from "../fields.js";
import { inAny } from "../filters.js";
import type { Input } from "../input.js";
import { paginate } from "../pagination.js";
import type { CustomStageRec, CustomStateRec, StageDiagramRec } from "../records.js";
import { readSortBy, sortItems } from "../sorting.js";
import { diagramFor } from "../stage-rules.js";
import type { Store } from "../store.js";
import { audit, customStageSummary, customStateSummary } from "../summaries.js";
import { mustGet } from "./common.js";
import type { Handlers } from "./context.js";

export function renderDiagram(store: Store, d: StageDiagramRec): S["stage-diagram"] {
  return {
    ...audit(store, d),
    name: d.name,
    leaf_type: d.leaf_type,
    is_default: d.is_default,
    is_custom_leaf_type: false,
    stages: d.stages.map((n) => ({
      stage: customStageSummary(store, n.stage),
      is_start: n.is_start,
      is_deprecated: false,
      transitions: n.transitions.map((t) => ({ target_stage: customStageSummary(store, t) })),
    })),
  };
}

export function renderStage(store: Store, s: CustomStageRec): S["custom-stage"] {
  return { ...audit(store, s), name: s.name, ordinal: s.ordinal, state: customStateSummary(store, s.state) };
}

export function renderState(store: Store, s: CustomStateRec): S["custom-state"] {
  return { ...audit(store, s), name: s.name, ordinal: s.ordinal, is_final: s.is_final };
}

/** `{result, cursor?}`: these operations name their next-page cursor plain `cursor`. */
function resultPage<T>(items: T[], input: Input) {
  const page = paginate(sortItems(items, readSortBy(input)), input);
  return { result: page.items, ...(page.next_cursor ? { cursor: page.next_cursor } : {}) };
}

/** These lists page forward only: no `mode`. */
const NO_MODE = ["cursor", "limit", "sort_by"];

export const stagesFields: Fields = {
  "stage-diagrams.list": [...NO_MODE, "leaf_type", "name"],
  "stage-diagrams.get": ["id", "leaf_type"],
  "stages.custom.list": [...NO_MODE, "name", "ordinal"],
  "stages.custom.get": ["id"],
  "states.custom.list": [...NO_MODE, "name", "ordinal", "is_final"],
};

export const stagesHandlers: Handlers = {
  "stage-diagrams.list": (ctx) => {
    const { input, store } = ctx;
    const leafTypes = input.optStrArray("leaf_type");
    const names = input.optStrArray("name");
    const rows = store.stageDiagrams
      .all()
      .filter((d) => inAny(leafTypes, d.leaf_type) && inAny(names, d.name))
      .map((d) => renderDiagram(store, d));
    return resultPage(rows, input);
  },
  "stage-diagrams.get": (ctx) => {
    const { input, store } = ctx;
    // By id, or the default diagram of a leaf type (e.g. {"leaf_type": "ticket"}).
    const leafType = input.optStr("leaf_type");
    if (!input.has("id") && leafType) {
      const d = diagramFor(store, leafType);
      if (!d) throw notFound(`no stage diagram for leaf type '${leafType}'`);
      return { stage_diagram: renderDiagram(store, d) };
    }
    return { stage_diagram: renderDiagram(store, mustGet(store.stageDiagrams, input)) };
  },
  "stages.custom.list": (ctx) => {
    const { input, store } = ctx;
    const names = input.optStrArray("name");
    const ordinals = input.optIntArray("ordinal");
    const rows = store.customStages
      .all()
      .filter((s) => inAny(names, s.name) && (!ordinals || ordinals.includes(s.ordinal)))
      .map((s) => renderStage(store, s));
    return resultPage(rows, input);
  },
  "stages.custom.get": (ctx) => ({
    custom_stage: renderStage(ctx.store, mustGet(ctx.store.customStages, ctx.input)),
  }),
  "states.custom.list": (ctx) => {
    const { input, store } = ctx;
    const names = input.optStrArray("name");
    const ordinals = input.optIntArray("ordinal");
    const isFinal = input.optBool("is_final");
    const rows = store.customStates
      .all()
      .filter(
        (s) =>
          inAny(names, s.name) &&
          (!ordinals || ordinals.includes(s.ordinal)) &&
          (isFinal === undefined || s.is_final === isFinal),
      )
      .map((s) => renderState(store, s));
    return resultPage(rows, input);
  },
};
