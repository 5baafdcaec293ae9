// meetings.* (public API): customer calls and meetings with their organizer, members and the
// account they are about. The list takes DevRev's typed date filters and `sort_by`.
import type { S } from "../api-types.js";
import { dateFilter, type Fields, SORTED_PAGE } from "../fields.js";
import { inAny, readDateFilter } from "../filters.js";
import { coreId } from "../ids.js";
import { paginate } from "../pagination.js";
import type { MeetingRec } from "../records.js";
import { readSortBy, sortItems } from "../sorting.js";
import type { Store } from "../store.js";
import { atomSummary, audit, tagWithValue, userSummary } from "../summaries.js";
import { defined, idList, listBody, mustGet } from "./common.js";
import type { Ctx, Handlers } from "./context.js";

const CHANNELS = ["amazon_connect", "google_meet", "offline", "other", "teams", "zoom"] as const;
const DIRECTIONS = ["incoming", "internal", "outgoing"] as const;
const STATES = [
  "canceled",
  "completed",
  "no_show",
  "ongoing",
  "rejected",
  "rescheduled",
  "scheduled",
  "waiting",
] as const;

export function renderMeeting(store: Store, m: MeetingRec): S["meeting"] {
  return defined({
    type: "meeting" as const,
    ...audit(store, m),
    title: m.title,
    description: m.description,
    channel: m.channel,
    direction: m.direction,
    state: m.state,
    scheduled_date: m.scheduled_date,
    ended_date: m.ended_date,
    organizer: userSummary(store, m.organizer),
    members: m.members.map((u) => userSummary(store, u)),
    parent: m.parent ? atomSummary(store, m.parent) : undefined,
    external_ref: m.external_ref,
    external_url: m.external_url,
    tags: m.tags.map((t) => tagWithValue(store, t)),
  });
}

export function insertMeeting(store: Store, fields: Omit<MeetingRec, "id" | "display_id">): MeetingRec {
  const num = store.meetings.nextNum();
  return store.meetings.insert({ id: coreId(`meeting/${num}`), display_id: `MEET-${num}`, ...fields });
}

const MEETING_FILTER = [
  "channel",
  "direction",
  "state",
  "created_by",
  "members",
  "organizer",
  "parent",
  "external_ref",
  "tags",
  ...dateFilter("created_date"),
  ...dateFilter("modified_date"),
  ...dateFilter("scheduled_date"),
  ...dateFilter("ended_date"),
];

function selectMeetings(ctx: Ctx): MeetingRec[] {
  const { input, store, now } = ctx;
  const channels = input.optEnumArray("channel", CHANNELS);
  const directions = input.optEnumArray("direction", DIRECTIONS);
  const states = input.optEnumArray("state", STATES);
  const creators = idList(store, input, "created_by");
  const members = idList(store, input, "members");
  const organizers = idList(store, input, "organizer");
  const parents = idList(store, input, "parent");
  const extRefs = input.optStrArray("external_ref");
  const tags = idList(store, input, "tags");
  const created = readDateFilter(input, "created_date", now);
  const modified = readDateFilter(input, "modified_date", now);
  const scheduled = readDateFilter(input, "scheduled_date", now);
  const ended = readDateFilter(input, "ended_date", now);
  return store.meetings
    .all()
    .filter(
      (m) =>
        inAny(channels, m.channel) &&
        inAny(directions, m.direction) &&
        inAny(states, m.state) &&
        inAny(creators, m.created_by) &&
        inAny(members, m.members) &&
        inAny(organizers, m.organizer) &&
        inAny(parents, m.parent) &&
        inAny(extRefs, m.external_ref) &&
        inAny(
          tags,
          m.tags.map((t) => t.id),
        ) &&
        created(m.created_date) &&
        modified(m.modified_date) &&
        scheduled(m.scheduled_date) &&
        ended(m.ended_date),
    )
    .reverse();
}

export const meetingsFields: Fields = {
  "meetings.list": [...SORTED_PAGE, ...MEETING_FILTER],
  "meetings.count": MEETING_FILTER,
  "meetings.get": ["id"],
};

export const meetingsHandlers: Handlers = {
  "meetings.list": (ctx) => {
    const rows = selectMeetings(ctx).map((m) => renderMeeting(ctx.store, m));
    return listBody("meetings", paginate(sortItems(rows, readSortBy(ctx.input)), ctx.input));
  },
  "meetings.count": (ctx) => ({ count: selectMeetings(ctx).length }),
  "meetings.get": (ctx) => ({ meeting: renderMeeting(ctx.store, mustGet(ctx.store.meetings, ctx.input)) }),
};
