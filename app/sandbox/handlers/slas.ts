// slas.list/get and sla-trackers.list/get: read-only views of the seeded service-level agreements.
import type { S } from "../api-types.js";
import { type Fields, SORTED_PAGE } from "../fields.js";
import { inAny } from "../filters.js";
import { paginate } from "../pagination.js";
import type { SlaRec, SlaTrackerRec } from "../records.js";
import { readSortBy, sortItems } from "../sorting.js";
import type { Store } from "../store.js";
import { audit, slaSummary } from "../summaries.js";
import { defined, listBody, mustGet } from "./common.js";
import type { Handlers } from "./context.js";

export function renderSla(store: Store, s: SlaRec): S["sla"] {
  return defined({
    type: "sla" as const,
    ...audit(store, s),
    name: s.name,
    description: s.description,
    sla_type: s.sla_type,
    status: s.status,
    evaluation_period: s.evaluation_period,
  });
}

export function renderSlaTracker(store: Store, t: SlaTrackerRec): S["sla-tracker"] {
  return {
    type: "sla_tracker",
    ...audit(store, t),
    applies_to_id: t.applies_to_id,
    applies_to_type: t.applies_to_type,
    sla: slaSummary(store, t.sla),
    stage: t.stage,
    status: t.status,
    metric_target_summaries: [
      {
        metric_definition: { id: t.metric, name: "First response" },
        stage: t.stage,
        status: t.status,
        target_time: t.target_time,
      },
    ],
  };
}

export const slasFields: Fields = {
  "slas.list": [...SORTED_PAGE, "applies_to", "sla_type", "status"],
  "slas.get": ["id"],
  "sla-trackers.list": [...SORTED_PAGE, "stage", "status"],
  "sla-trackers.get": ["id"],
};

export const slasHandlers: Handlers = {
  "slas.list": (ctx) => {
    const { input, store } = ctx;
    const appliesTo = input.optEnumArray("applies_to", [
      "conversation",
      "incident",
      "issue",
      "ticket",
    ] as const);
    const types = input.optEnumArray("sla_type", ["external", "internal"] as const);
    const statuses = input.optEnumArray("status", ["archived", "draft", "published"] as const);
    const rows = store.slas
      .all()
      .filter((s) => inAny(appliesTo, s.applies_to) && inAny(types, s.sla_type) && inAny(statuses, s.status))
      .map((s) => renderSla(store, s));
    return listBody("slas", paginate(sortItems(rows, readSortBy(input)), input));
  },
  "slas.get": (ctx) => ({ sla: renderSla(ctx.store, mustGet(ctx.store.slas, ctx.input)) }),
  "sla-trackers.list": (ctx) => {
    const { input, store } = ctx;
    const stages = input.optStrArray("stage");
    const statuses = input.optStrArray("status");
    const rows = store.slaTrackers
      .all()
      .filter((t) => inAny(stages, t.stage) && inAny(statuses, t.status))
      .map((t) => renderSlaTracker(store, t));
    return listBody("sla_trackers", paginate(sortItems(rows, readSortBy(input)), input));
  },
  "sla-trackers.get": (ctx) => ({
    sla_tracker: renderSlaTracker(ctx.store, mustGet(ctx.store.slaTrackers, ctx.input)),
  }),
};
