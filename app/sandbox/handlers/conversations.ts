// conversations.*: support conversations with their messages (timeline comments). Lists honour
// `sort_by` (`field:asc|desc`) as live DevRev does, although the spec does not declare it there.
import type { S } from "../api-types.js";
import { dateTimeFilter, type Fields, SORTED_PAGE, setOf, TAG_EDIT, TAG_LIST } from "../fields.js";
import { inAny, readDateFilter } from "../filters.js";
import { coreId } from "../ids.js";
import { paginate, readFirst } from "../pagination.js";
import type { ConversationRec } from "../records.js";
import { readSortBy, sortItems } from "../sorting.js";
import type { Store } from "../store.js";
import {
  accountSummary,
  audit,
  groupSummary,
  legacyStage,
  partSummary,
  tagWithValue,
  userSummary,
} from "../summaries.js";
import { addComment } from "../timeline-events.js";
import {
  created,
  defined,
  idList,
  listBody,
  mustGet,
  readRefSet,
  readTagList,
  ref,
  refs,
  touch,
  USER_KINDS,
  updateTags,
} from "./common.js";
import type { Ctx, Handlers } from "./context.js";
import { renderEntry } from "./timeline.js";

export const CONVERSATION_STAGES = ["new", "waiting_on_user", "resolved", "archived"] as const;

export function renderConversation(store: Store, c: ConversationRec): S["conversation"] {
  const messages = store.timeline
    .all()
    .filter((e) => e.object === c.id && e.type === "timeline_comment")
    .map((e) => renderEntry(store, e));
  return defined({
    type: "conversation" as const,
    ...audit(store, c),
    title: c.title,
    description: c.description,
    stage: legacyStage(store, c.stage),
    members: c.members.map((u) => userSummary(store, u)),
    owned_by: c.owned_by.map((u) => userSummary(store, u)),
    applies_to_parts: c.applies_to_parts.map((p) => partSummary(store, p)),
    tags: c.tags.map((t) => tagWithValue(store, t)),
    group: c.group ? groupSummary(store, c.group) : undefined,
    account: c.account ? accountSummary(store, c.account) : undefined,
    source_channel: c.source_channel,
    is_frozen: c.is_frozen,
    messages,
  });
}

export function insertConversation(
  store: Store,
  fields: Omit<ConversationRec, "id" | "display_id">,
): ConversationRec {
  const num = store.conversations.nextNum();
  return store.conversations.insert({
    id: coreId(`conversation/${num}`),
    display_id: `CONV-${num}`,
    ...fields,
  });
}

function selectConversations(ctx: Ctx): ConversationRec[] {
  const { input, store } = ctx;
  const accounts = idList(store, input, "account");
  const parts = idList(store, input, "applies_to_parts");
  const groups = idList(store, input, "group");
  const members = idList(store, input, "members");
  const owners = idList(store, input, "owned_by");
  const revOrgs = idList(store, input, "rev_orgs") ?? idList(store, input, "rev_org");
  const channels = input.optStrArray("source_channel") ?? input.optStrArray("source_channels");
  const stages = input.optObj("stage")?.optStrArray("name");
  const tags =
    idList(store, input, "tags") ?? input.optObjArray("tags_v2")?.map((t) => store.canonical(t.str("id")));
  const spam = input.optBool("is_spam");
  const frozen = input.optBool("is_frozen");
  const modified = readDateFilter(input, "modified_date", ctx.now, "date-time-filter");
  return store.conversations
    .all()
    .filter(
      (c) =>
        inAny(accounts, c.account) &&
        inAny(parts, c.applies_to_parts) &&
        inAny(groups, c.group) &&
        inAny(members, c.members) &&
        inAny(owners, c.owned_by) &&
        inAny(revOrgs, c.rev_org) &&
        inAny(channels, c.source_channel) &&
        inAny(stages, c.stage) &&
        inAny(
          tags,
          c.tags.map((t) => t.id),
        ) &&
        (spam === undefined || c.is_spam === spam) &&
        (frozen === undefined || c.is_frozen === frozen) &&
        modified(c.modified_date),
    )
    .reverse();
}

/** Rendered and sorted matches, newest first unless `sort_by` says otherwise. */
function listConversations(ctx: Ctx): S["conversation"][] {
  const keys = readSortBy(ctx.input);
  const rows = selectConversations(ctx).map((c) => renderConversation(ctx.store, c));
  return sortItems(rows, keys);
}

const CONVERSATION_FILTER = [
  "account",
  "applies_to_parts",
  "group",
  "members",
  "owned_by",
  "rev_orgs",
  "rev_org",
  "source_channel",
  "source_channels",
  "stage.name",
  "tags",
  "tags_v2.id",
  "tags_v2.value",
  "is_spam",
  "is_frozen",
  ...dateTimeFilter("modified_date"),
];

export const conversationsFields: Fields = {
  "conversations.list": [...SORTED_PAGE, ...CONVERSATION_FILTER],
  "conversations.export": ["first", ...CONVERSATION_FILTER],
  "conversations.get": ["id"],
  "conversations.create": [
    "type",
    "title",
    "description",
    "stage.name",
    "members",
    "owned_by",
    ...TAG_LIST,
    "group",
    "account",
    "source_channel",
    "is_spam",
    "messages.body",
  ],
  "conversations.update": [
    "id",
    "title",
    "description",
    "stage.name",
    ...setOf("members", "owned_by", "applies_to_parts"),
    ...TAG_EDIT,
    "group",
    "account",
    "is_spam",
    "is_frozen",
  ],
  "conversations.delete": ["id"],
};

export const conversationsHandlers: Handlers = {
  "conversations.list": (ctx) => listBody("conversations", paginate(listConversations(ctx), ctx.input)),
  "conversations.export": (ctx) => ({
    conversations: listConversations(ctx).slice(0, readFirst(ctx.input)),
  }),
  "conversations.get": (ctx) => ({
    conversation: renderConversation(ctx.store, mustGet(ctx.store.conversations, ctx.input)),
  }),
  "conversations.create": (ctx) => {
    const { input, store } = ctx;
    input.enumOf("type", ["support"] as const);
    const account = input.optStr("account");
    const group = input.optStr("group");
    const stage = input.optObj("stage")?.optEnum("name", CONVERSATION_STAGES);
    const row = insertConversation(
      store,
      defined({
        title: input.optStr("title") ?? "Untitled conversation",
        description: input.optStr("description"),
        stage: stage ?? "new",
        members: refs(store, input.optStrArray("members") ?? [], "members", USER_KINDS),
        owned_by: refs(store, input.optStrArray("owned_by") ?? [], "owned_by", USER_KINDS),
        applies_to_parts: [],
        tags: readTagList(store, input.optObjArray("tags"), "tags") ?? [],
        group: group ? ref(store, group, "group", ["group"]) : undefined,
        account: account ? ref(store, account, "account", ["account"]) : undefined,
        source_channel: input.optStr("source_channel") ?? "plug",
        is_spam: input.optBool("is_spam") ?? false,
        is_frozen: false,
        ...created(ctx),
      }),
    );
    for (const m of input.optObjArray("messages") ?? []) {
      addComment(store, row.id, ctx.actor.id, row.created_date, m.optStr("body") ?? "", "external");
    }
    return { conversation: renderConversation(store, row) };
  },
  "conversations.update": (ctx) => {
    const { input, store } = ctx;
    const c = mustGet(store.conversations, input);
    const title = input.optStr("title");
    if (title !== undefined) c.title = title;
    if (input.has("description")) c.description = input.optStr("description");
    const stage = input.optObj("stage")?.optEnum("name", CONVERSATION_STAGES);
    if (stage) c.stage = stage;
    const members = readRefSet(store, input, "members", USER_KINDS);
    if (members) c.members = members;
    const owners = readRefSet(store, input, "owned_by", USER_KINDS);
    if (owners) c.owned_by = owners;
    const parts = readRefSet(store, input, "applies_to_parts", ["part"]);
    if (parts) c.applies_to_parts = parts;
    c.tags = updateTags(store, input, c.tags);
    const group = input.optStr("group");
    if (group) c.group = ref(store, group, "group", ["group"]);
    const account = input.optStr("account");
    if (account) c.account = ref(store, account, "account", ["account"]);
    const spam = input.optBool("is_spam");
    if (spam !== undefined) c.is_spam = spam;
    const frozen = input.optBool("is_frozen");
    if (frozen !== undefined) c.is_frozen = frozen;
    touch(ctx, c);
    return { conversation: renderConversation(store, c) };
  },
  "conversations.delete": (ctx) => {
    ctx.store.conversations.delete(mustGet(ctx.store.conversations, ctx.input).id);
    return {};
  },
};
