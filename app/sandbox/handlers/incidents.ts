// incidents.* (beta). Severity is a DevRev "uenum" (id/label/ordinal); stages are custom stages.
import type { S } from "../api-types.js";
import { invalidField } from "../errors.js";
import { type Fields, SORTED_PAGE, setOf } from "../fields.js";
import { inAny } from "../filters.js";
import { coreId } from "../ids.js";
import type { Input } from "../input.js";
import { paginate } from "../pagination.js";
import type { IncidentRec, TagRef } from "../records.js";
import { readSortBy, sortItems } from "../sorting.js";
import { checkStage, isFinalStage, startStage } from "../stage-rules.js";
import type { Store } from "../store.js";
import {
  audit,
  customStageSummary,
  partSummary,
  stageByName,
  tagWithValue,
  userSummary,
} from "../summaries.js";
import {
  created,
  defined,
  idList,
  listBody,
  mustGet,
  readDate,
  readRefSet,
  ref,
  refs,
  touch,
  USER_KINDS,
} from "./common.js";
import type { Handlers } from "./context.js";

export const INCIDENT_SEVERITIES = ["Sev0", "Sev1", "Sev2", "Sev3"] as const;

function severity(id: number): S["enum-value"] {
  return { id, label: INCIDENT_SEVERITIES[id] ?? `Sev${id}`, ordinal: id };
}

function readSeverity(input: Input): number | undefined {
  const v = input.optInt("severity");
  if (v !== undefined && (v < 0 || v >= INCIDENT_SEVERITIES.length)) {
    throw invalidField("severity", `severity must be 0..${INCIDENT_SEVERITIES.length - 1}`);
  }
  return v;
}

/** Incidents name stages by custom stage id; the sandbox also accepts the stage's name. */
function readStage(store: Store, key: string, field: string): string {
  const byName = stageByName(store, key);
  const name = byName?.name ?? store.customStages.get(key)?.name;
  if (!name) throw invalidField(field, `'${key}' is not a stage`);
  return checkStage(store, "incident", name, field);
}

function readIncidentTags(store: Store, items: Input[] | undefined, field: string): TagRef[] | undefined {
  return items?.map((t, i) => {
    const id = ref(store, t.str("tag_id"), `${field}[${i}].tag_id`, ["tag"]);
    const value = t.optStr("value");
    return value === undefined ? { id } : { id, value };
  });
}

export function renderIncident(store: Store, i: IncidentRec): S["incident"] {
  const stage = stageByName(store, i.stage);
  return defined({
    type: "incident" as const,
    ...audit(store, i),
    title: i.title,
    body: i.body,
    severity: severity(i.severity),
    stage: stage ? { stage: customStageSummary(store, stage.id) } : undefined,
    owned_by: i.owned_by.map((u) => userSummary(store, u)),
    applies_to_parts: i.applies_to_parts.map((p) => partSummary(store, p)),
    tags: i.tags.map((t) => tagWithValue(store, t)),
    identified_date: i.identified_date,
    mitigated_date: i.mitigated_date,
    target_close_date: i.target_close_date,
    actual_close_date: i.actual_close_date,
  });
}

export function insertIncident(store: Store, fields: Omit<IncidentRec, "id" | "display_id">): IncidentRec {
  const num = store.incidents.nextNum();
  return store.incidents.insert({ id: coreId(`incident/${num}`), display_id: `INC-${num}`, ...fields });
}

export const incidentsFields: Fields = {
  "incidents.list": [
    ...SORTED_PAGE,
    "applies_to_parts",
    "owned_by",
    "created_by",
    "severity",
    "stage",
    "title",
  ],
  "incidents.get": ["id"],
  "incidents.create": [
    "title",
    "body",
    "severity",
    "stage.stage",
    "owned_by",
    "applies_to_parts",
    "tags.tag_id",
    "tags.value",
    "identified_date",
    "mitigated_date",
    "target_close_date",
  ],
  "incidents.update": [
    "id",
    "title",
    "body",
    "severity",
    "stage.stage",
    ...setOf("owned_by", "applies_to_parts"),
    "tags.set.tag_id",
    "tags.set.value",
    "identified_date",
    "mitigated_date",
    "target_close_date",
  ],
  "incidents.delete": ["id"],
};

export const incidentsHandlers: Handlers = {
  "incidents.list": (ctx) => {
    const { input, store } = ctx;
    const parts = idList(store, input, "applies_to_parts");
    const owners = idList(store, input, "owned_by");
    const creators = idList(store, input, "created_by");
    const severities = input.optIntArray("severity");
    const stages = input
      .optStrArray("stage")
      ?.map((s) => stageByName(store, s)?.name ?? store.customStages.get(s)?.name ?? s);
    const titles = input.optStrArray("title");
    const rows = store.incidents
      .all()
      .filter(
        (i) =>
          inAny(parts, i.applies_to_parts) &&
          inAny(owners, i.owned_by) &&
          inAny(creators, i.created_by) &&
          (!severities || severities.includes(i.severity)) &&
          inAny(stages, i.stage) &&
          inAny(titles, i.title),
      )
      .reverse()
      .map((i) => renderIncident(store, i));
    return listBody("incidents", paginate(sortItems(rows, readSortBy(input)), input));
  },
  "incidents.get": (ctx) => ({
    incident: renderIncident(ctx.store, mustGet(ctx.store.incidents, ctx.input)),
  }),
  "incidents.create": (ctx) => {
    const { input, store } = ctx;
    const stageKey = input.optObj("stage")?.str("stage");
    const row = insertIncident(
      store,
      defined({
        title: input.str("title"),
        body: input.optStr("body"),
        stage: stageKey ? readStage(store, stageKey, "stage.stage") : startStage(store, "incident"),
        severity: readSeverity(input) ?? 2,
        owned_by: refs(store, input.optStrArray("owned_by") ?? [ctx.actor.id], "owned_by", USER_KINDS),
        applies_to_parts: refs(store, input.optStrArray("applies_to_parts") ?? [], "applies_to_parts", [
          "part",
        ]),
        tags: readIncidentTags(store, input.optObjArray("tags"), "tags") ?? [],
        identified_date: readDate(input, "identified_date") ?? undefined,
        mitigated_date: readDate(input, "mitigated_date") ?? undefined,
        target_close_date: readDate(input, "target_close_date") ?? undefined,
        ...created(ctx),
      }),
    );
    return { incident: renderIncident(store, row) };
  },
  "incidents.update": (ctx) => {
    const { input, store } = ctx;
    const i = mustGet(store.incidents, input);
    const title = input.optStr("title");
    if (title !== undefined) i.title = title;
    if (input.has("body")) i.body = input.optStr("body");
    const sev = readSeverity(input);
    if (sev !== undefined) i.severity = sev;
    const stageKey = input.optObj("stage")?.optStr("stage");
    if (stageKey) {
      i.stage = readStage(store, stageKey, "stage.stage");
      i.actual_close_date = isFinalStage(store, i.stage) ? ctx.now.toISOString() : undefined;
    }
    const owners = readRefSet(store, input, "owned_by", USER_KINDS);
    if (owners) i.owned_by = owners;
    const parts = readRefSet(store, input, "applies_to_parts", ["part"]);
    if (parts) i.applies_to_parts = parts;
    const tags = readIncidentTags(store, input.optObj("tags")?.optObjArray("set"), "tags.set");
    if (tags) i.tags = tags;
    for (const field of ["identified_date", "mitigated_date", "target_close_date"] as const) {
      const v = readDate(input, field);
      if (v !== undefined) i[field] = v ?? undefined;
    }
    touch(ctx, i);
    return { incident: renderIncident(store, i) };
  },
  "incidents.delete": (ctx) => {
    ctx.store.incidents.delete(mustGet(ctx.store.incidents, ctx.input).id);
    return {};
  },
};
