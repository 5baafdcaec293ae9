// groups.* and groups.members.* (the spec's operation ids say group-members-*). As on live DevRev a
// group's `type` is its kind, `static` or `dynamic` (the spec's atom type "group" is not what the
// API sends); dynamic groups compute their members, so members cannot be added or removed by hand.
import type { S } from "../api-types.js";
import { badRequest, notFound } from "../errors.js";
import { type Fields, PAGE, SORTED_PAGE } from "../fields.js";
import { inAny } from "../filters.js";
import { identityId } from "../ids.js";
import type { Input } from "../input.js";
import { paginate } from "../pagination.js";
import type { GroupRec } from "../records.js";
import { readSortBy, sortItems } from "../sorting.js";
import type { Store } from "../store.js";
import { audit, userSummary } from "../summaries.js";
import { created, defined, idList, listBody, mustGet, ref, touch, USER_KINDS } from "./common.js";
import type { Handlers } from "./context.js";

export function renderGroup(store: Store, g: GroupRec): S["group"] {
  // The generated type says "group"; live DevRev sends the group's kind.
  return defined({
    type: g.group_type as unknown as "group",
    ...audit(store, g),
    name: g.name,
    description: g.description,
    member_type: g.member_type,
    is_default: g.is_default,
    owner: g.owner ? userSummary(store, g.owner) : undefined,
  });
}

export function insertGroup(store: Store, fields: Omit<GroupRec, "id" | "display_id">): GroupRec {
  const num = store.groups.nextNum();
  return store.groups.insert({ id: identityId(`group/${num}`), display_id: `GRP-${num}`, ...fields });
}

function memberSummary(store: Store, id: string): S["member-summary"] {
  const u = userSummary(store, id);
  return u.type === "service_account" ? { type: "sys_user", id } : u;
}

/** The group named by `group`, which must be static: a dynamic group's members follow its rules. */
function staticGroup(store: Store, input: Input): GroupRec {
  const g = mustGet(store.groups, input, "group");
  if (g.group_type === "dynamic") {
    throw badRequest(`${g.display_id} is a dynamic group: its members follow its rules and cannot be edited`);
  }
  return g;
}

export const groupsFields: Fields = {
  "groups.list": [...SORTED_PAGE, "group_type", "member_type", "name", "is_default", "created_by"],
  "groups.get": ["id"],
  "groups.create": ["name", "description", "type", "member_type", "owner"],
  "groups.update": ["id", "name", "description", "owner"],
  "groups.members.add": ["group", "member"],
  "groups.members.remove": ["group", "member"],
  "groups.members.list": [...PAGE, "group"],
  "groups.members.count": ["group"],
};

export const groupsHandlers: Handlers = {
  "groups.list": (ctx) => {
    const { input, store } = ctx;
    const types = input.optEnumArray("group_type", ["dynamic", "static"] as const);
    const memberTypes = input.optEnumArray("member_type", ["dev_user", "rev_user"] as const);
    const names = input.optStrArray("name")?.map((n) => n.toLowerCase());
    const isDefault = input.optBool("is_default");
    const creators = idList(store, input, "created_by");
    const rows = store.groups
      .all()
      .filter(
        (g) =>
          inAny(types, g.group_type) &&
          inAny(memberTypes, g.member_type) &&
          inAny(names, g.name.toLowerCase()) &&
          (isDefault === undefined || g.is_default === isDefault) &&
          inAny(creators, g.created_by),
      )
      .map((g) => renderGroup(store, g));
    return listBody("groups", paginate(sortItems(rows, readSortBy(input)), input));
  },
  "groups.get": (ctx) => ({ group: renderGroup(ctx.store, mustGet(ctx.store.groups, ctx.input)) }),
  "groups.create": (ctx) => {
    const { input, store } = ctx;
    const owner = input.optStr("owner");
    const row = insertGroup(
      store,
      defined({
        name: input.str("name"),
        description: input.str("description"),
        group_type: input.optEnum("type", ["dynamic", "static"] as const) ?? "static",
        member_type: input.optEnum("member_type", ["dev_user", "rev_user"] as const) ?? "dev_user",
        owner: owner ? ref(store, owner, "owner", USER_KINDS) : undefined,
        is_default: false,
        members: [],
        ...created(ctx),
      }),
    );
    return { group: renderGroup(store, row) };
  },
  "groups.update": (ctx) => {
    const { input, store } = ctx;
    const g = mustGet(store.groups, input);
    const name = input.optStr("name");
    if (name !== undefined) g.name = name;
    const description = input.optStr("description");
    if (description !== undefined) g.description = description;
    const owner = input.optStr("owner");
    if (owner) g.owner = ref(store, owner, "owner", USER_KINDS);
    touch(ctx, g);
    return { group: renderGroup(store, g) };
  },
  "groups.members.add": (ctx) => {
    const { input, store } = ctx;
    const g = staticGroup(store, input);
    const member = ref(store, input.str("member"), "member", USER_KINDS);
    if (store.resolve(member)?.kind !== g.member_type) {
      throw badRequest(`${g.display_id} holds ${g.member_type.replace("_", " ")}s`);
    }
    if (!g.members.includes(member)) g.members.push(member);
    return {};
  },
  "groups.members.remove": (ctx) => {
    const { input, store } = ctx;
    const g = staticGroup(store, input);
    const member = store.canonical(input.str("member"));
    if (!g.members.includes(member)) throw notFound(`'${member}' is not a member of ${g.display_id}`);
    g.members = g.members.filter((m) => m !== member);
    return {};
  },
  "groups.members.list": (ctx) => {
    const { input, store } = ctx;
    const g = mustGet(store.groups, input, "group");
    const rows = g.members.map((m) => ({ member: memberSummary(store, m) }));
    return listBody("members", paginate(rows, input));
  },
  "groups.members.count": (ctx) => {
    const g = mustGet(ctx.store.groups, ctx.input, "group");
    return { count: g.members.length, has_more: false };
  },
};
