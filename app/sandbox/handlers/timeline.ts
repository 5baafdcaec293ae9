// timeline-entries.*: comments and change events on any object, newest first. The spec declares no
// 404 for update/delete, so an unknown entry there is a 400 on `id`.
import type { S } from "../api-types.js";
import { badRequest, invalidField, notFound } from "../errors.js";
import { dateTimeFilter, type Fields, PAGE } from "../fields.js";
import { inAny, readDateFilter } from "../filters.js";
import type { Input } from "../input.js";
import { paginate } from "../pagination.js";
import type { TimelineRec } from "../records.js";
import type { Ref, Store } from "../store.js";
import { atomSummary, audit } from "../summaries.js";
import { addComment } from "../timeline-events.js";
import { listBody, mustGet, touch } from "./common.js";
import type { Ctx, Handlers } from "./context.js";

const VISIBILITIES = ["external", "internal", "private", "public"] as const;
const BODY_TYPES = ["data", "snap_kit", "snap_widget", "text"] as const;

function objectType(store: Store, ref: Ref | undefined): S["timeline-entry-object-type"] | undefined {
  switch (ref?.kind) {
    case "work":
      return store.works.get(ref.id)?.type;
    case "part":
      return store.parts.get(ref.id)?.type;
    case "account":
    case "article":
    case "conversation":
    case "engagement":
    case "group":
    case "incident":
    case "rev_org":
    case "rev_user":
      return ref.kind;
    default:
      return undefined;
  }
}

const fieldValue = (value: string | undefined): S["field-value"] | undefined =>
  value === undefined ? undefined : { type: "string", value };

export function renderEntry(store: Store, e: TimelineRec): S["timeline-entry"] {
  const type = objectType(store, store.resolve(e.object));
  const base = {
    ...audit(store, e),
    object: e.object,
    object_display_id: store.find(e.object)?.display_id ?? e.object,
    ...(type ? { object_type: type } : {}),
    visibility: e.visibility,
    labels: e.labels,
    ...(e.panels ? { panels: e.panels } : {}),
    ...(e.external_ref ? { external_ref: e.external_ref } : {}),
  };
  if (e.type === "timeline_comment") {
    return { ...base, type: "timeline_comment", body: e.body ?? "", body_type: e.body_type ?? "text" };
  }
  const ev = e.event;
  if (ev?.type === "updated") {
    const oldValue = fieldValue(ev.old_value);
    const newValue = fieldValue(ev.new_value);
    return {
      ...base,
      type: "timeline_change_event",
      event: {
        type: "updated",
        updated: {
          ...(type ? { object_type: type } : {}),
          field_deltas: [
            {
              name: ev.field,
              ...(oldValue ? { old_value: oldValue } : {}),
              ...(newValue ? { new_value: newValue } : {}),
            },
          ],
        },
      },
    };
  }
  const object = atomSummary(store, e.object);
  return {
    ...base,
    type: "timeline_change_event",
    event: { type: "created", created: object ? { object } : {} },
  };
}

/** update/delete: an unknown entry is a 400 because the spec declares no 404 for them. */
function existingEntry(store: Store, input: Input): TimelineRec {
  const id = input.str("id");
  const e = store.timeline.get(id);
  if (!e) throw invalidField("id", `timeline entry '${id}' not found`);
  return e;
}

function listEntries(ctx: Ctx) {
  const { input, store } = ctx;
  const key = input.str("object");
  const ref = store.resolve(key);
  if (!ref) throw notFound(`object '${key}' not found`);
  const visibility = input.optEnumArray("visibility", VISIBILITIES);
  const collections = input.optEnumArray("collections", ["discussions", "events"] as const);
  const labels = input.optStrArray("labels");
  const createdDate = readDateFilter(input, "created_date", ctx.now, "date-time-filter");
  const wanted = (e: TimelineRec) =>
    !collections ||
    (collections.includes("discussions") && e.type === "timeline_comment") ||
    (collections.includes("events") && e.type === "timeline_change_event");
  const rows = store.timeline
    .all()
    .filter(
      (e) =>
        e.object === ref.id &&
        wanted(e) &&
        inAny(visibility, e.visibility) &&
        inAny(labels, e.labels) &&
        createdDate(e.created_date),
    )
    // Newest first; entries created in the same instant keep reverse insertion order.
    .reverse()
    .sort((a, b) => b.created_date.localeCompare(a.created_date))
    .map((e) => renderEntry(store, e));
  return listBody("timeline_entries", paginate(rows, input));
}

export const timelineFields: Fields = {
  "timeline-entries.list": [
    ...PAGE,
    "object",
    "visibility",
    "collections",
    "labels",
    ...dateTimeFilter("created_date"),
  ],
  "timeline-entries.get": ["id"],
  "timeline-entries.create": ["type", "object", "body", "visibility", "body_type", "labels", "external_ref"],
  "timeline-entries.update": ["id", "type", "body", "body_type", "external_ref"],
  "timeline-entries.delete": ["id"],
};

export const timelineHandlers: Handlers = {
  "timeline-entries.list": listEntries,
  "timeline-entries.get": (ctx) => ({
    timeline_entry: renderEntry(ctx.store, mustGet(ctx.store.timeline, ctx.input)),
  }),
  "timeline-entries.create": (ctx) => {
    const { input, store } = ctx;
    if (input.enumOf("type", ["timeline_comment"] as const) !== "timeline_comment")
      throw badRequest("unsupported type");
    const key = input.str("object");
    const ref = store.resolve(key);
    if (!ref) throw invalidField("object", `object '${key}' not found`);
    const e = addComment(
      store,
      ref.id,
      ctx.actor.id,
      ctx.now.toISOString(),
      input.optStr("body") ?? "",
      input.optEnum("visibility", VISIBILITIES) ?? "internal",
    );
    e.body_type = input.optEnum("body_type", BODY_TYPES) ?? "text";
    e.labels = input.optStrArray("labels") ?? [];
    e.external_ref = input.optStr("external_ref");
    return { timeline_entry: renderEntry(store, e) };
  },
  "timeline-entries.update": (ctx) => {
    const { input, store } = ctx;
    const e = existingEntry(store, input);
    input.enumOf("type", ["timeline_comment"] as const);
    if (e.type !== "timeline_comment") throw badRequest("only comments can be updated");
    const body = input.optStr("body");
    if (body !== undefined) e.body = body;
    const bodyType = input.optEnum("body_type", BODY_TYPES);
    if (bodyType) e.body_type = bodyType;
    if (input.has("external_ref")) e.external_ref = input.optStr("external_ref");
    touch(ctx, e);
    return { timeline_entry: renderEntry(store, e) };
  },
  "timeline-entries.delete": (ctx) => {
    ctx.store.timeline.delete(existingEntry(ctx.store, ctx.input).id);
    return {};
  },
};
