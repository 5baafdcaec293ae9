// engagements.* (beta): calls, meetings and emails with customers. The spec's `engagement` only
// documents `description` beyond the common fields, so that is all the sandbox returns.
import type { S } from "../api-types.js";
import { type Fields, SORTED_PAGE, setOf, TAG_LIST } from "../fields.js";
import { inAny } from "../filters.js";
import { coreId } from "../ids.js";
import { paginate } from "../pagination.js";
import type { EngagementRec } from "../records.js";
import { readSortBy, sortItems } from "../sorting.js";
import type { Store } from "../store.js";
import { audit } from "../summaries.js";
import {
  created,
  defined,
  idList,
  listBody,
  mustGet,
  readDate,
  readRefSet,
  readTagList,
  refs,
  touch,
  USER_KINDS,
} from "./common.js";
import type { Ctx, Handlers } from "./context.js";

const CREATE_TYPES = ["call", "default", "email", "linked_in", "offline"] as const;
const LIST_TYPES = [
  "call",
  "conversation",
  "custom",
  "default",
  "email",
  "linked_in",
  "meeting",
  "offline",
  "survey",
] as const;

export function renderEngagement(store: Store, e: EngagementRec): S["engagement"] {
  return defined({ type: "engagement" as const, ...audit(store, e), description: e.description });
}

export function insertEngagement(
  store: Store,
  fields: Omit<EngagementRec, "id" | "display_id">,
): EngagementRec {
  const num = store.engagements.nextNum();
  return store.engagements.insert({ id: coreId(`engagement/${num}`), display_id: `ENG-${num}`, ...fields });
}

function selectEngagements(ctx: Ctx): EngagementRec[] {
  const { input, store } = ctx;
  const types = input.optEnumArray("type", LIST_TYPES);
  const members = idList(store, input, "members");
  const parents = idList(store, input, "parent");
  const extRefs = input.optStrArray("external_ref");
  return store.engagements
    .all()
    .filter(
      (e) =>
        inAny(types, e.engagement_type) &&
        inAny(members, e.members) &&
        inAny(parents, e.parent) &&
        inAny(extRefs, e.external_ref),
    );
}

const ENGAGEMENT_FILTER = ["type", "members", "parent", "external_ref"];

export const engagementsFields: Fields = {
  "engagements.list": [...SORTED_PAGE, ...ENGAGEMENT_FILTER],
  "engagements.count": ENGAGEMENT_FILTER,
  "engagements.get": ["id"],
  "engagements.create": [
    "title",
    "description",
    "engagement_type",
    "members",
    "parent",
    "parents",
    "scheduled_date",
    "external_ref",
    ...TAG_LIST,
  ],
  "engagements.update": ["id", "title", "description", ...setOf("members"), "scheduled_date"],
  "engagements.delete": ["id"],
};

export const engagementsHandlers: Handlers = {
  "engagements.list": (ctx) => {
    const rows = selectEngagements(ctx)
      .reverse()
      .map((e) => renderEngagement(ctx.store, e));
    return listBody("engagements", paginate(sortItems(rows, readSortBy(ctx.input)), ctx.input));
  },
  "engagements.count": (ctx) => ({ count: selectEngagements(ctx).length }),
  "engagements.get": (ctx) => ({
    engagement: renderEngagement(ctx.store, mustGet(ctx.store.engagements, ctx.input)),
  }),
  "engagements.create": (ctx) => {
    const { input, store } = ctx;
    const parent = input.optStr("parent") ?? input.optStrArray("parents")?.[0];
    const row = insertEngagement(
      store,
      defined({
        title: input.str("title"),
        description: input.optStr("description"),
        engagement_type: input.optEnum("engagement_type", CREATE_TYPES) ?? "default",
        members: refs(store, input.strArray("members"), "members", USER_KINDS),
        parent: parent ? store.canonical(parent) : undefined,
        scheduled_date: readDate(input, "scheduled_date") ?? input.str("scheduled_date"),
        external_ref: input.optStr("external_ref"),
        tags: readTagList(store, input.optObjArray("tags"), "tags") ?? [],
        ...created(ctx),
      }),
    );
    return { engagement: renderEngagement(store, row) };
  },
  "engagements.update": (ctx) => {
    const { input, store } = ctx;
    const e = mustGet(store.engagements, input);
    const title = input.optStr("title");
    if (title !== undefined) e.title = title;
    if (input.has("description")) e.description = input.optStr("description");
    const members = readRefSet(store, input, "members", USER_KINDS);
    if (members) e.members = members;
    const when = readDate(input, "scheduled_date");
    if (when) e.scheduled_date = when;
    touch(ctx, e);
    return { engagement: renderEngagement(store, e) };
  },
  "engagements.delete": (ctx) => {
    ctx.store.engagements.delete(mustGet(ctx.store.engagements, ctx.input).id);
    return {};
  },
};
