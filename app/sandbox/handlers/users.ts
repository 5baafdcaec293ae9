// dev-users.* (the org's members, read-only here) and rev-users.* (customer contacts).
import type { S } from "../api-types.js";
import { conflict, missingField } from "../errors.js";
import { type Fields, SORTED_PAGE, TAG_LIST } from "../fields.js";
import { inAny } from "../filters.js";
import { paginate } from "../pagination.js";
import type { DevUserRec, RevUserRec } from "../records.js";
import { readSortBy, sortItems } from "../sorting.js";
import type { Store } from "../store.js";
import { audit, orgSummary, tagWithValue } from "../summaries.js";
import { created, defined, idList, listBody, mustGet, readTagList, ref, touch } from "./common.js";
import type { Handlers } from "./context.js";

const USER_STATES = ["active", "deactivated", "deleted", "locked", "shadow", "unassigned"] as const;

export function renderDevUser(store: Store, u: DevUserRec): S["dev-user"] {
  return defined({
    type: "dev_user" as const,
    ...audit(store, u),
    display_name: u.display_name,
    full_name: u.full_name,
    email: u.email,
    state: u.state,
    timezone: u.timezone,
  });
}

export function renderRevUser(store: Store, u: RevUserRec): S["rev-user"] {
  return defined({
    type: "rev_user" as const,
    ...audit(store, u),
    display_name: u.display_name,
    full_name: u.full_name,
    email: u.email,
    state: "active" as const,
    rev_org: orgSummary(store, u.rev_org),
    description: u.description,
    external_ref: u.external_ref,
    phone_numbers: u.phone_numbers,
    tags: u.tags.map((t) => tagWithValue(store, t)),
  });
}

export const usersFields: Fields = {
  "dev-users.self": [],
  "dev-users.get": ["id"],
  "dev-users.list": [...SORTED_PAGE, "email", "state"],
  "rev-users.list": [...SORTED_PAGE, "rev_org", "email", "external_ref", "created_by"],
  "rev-users.get": ["id"],
  "rev-users.create": [
    "rev_org",
    "account",
    "email",
    "display_name",
    "description",
    "external_ref",
    "phone_numbers",
    ...TAG_LIST,
  ],
  "rev-users.update": [
    "id",
    "display_name",
    "email",
    "description",
    "external_ref",
    "phone_numbers",
    ...TAG_LIST,
  ],
  "rev-users.delete": ["id"],
};

export const usersHandlers: Handlers = {
  "dev-users.self": (ctx) => ({ dev_user: renderDevUser(ctx.store, ctx.actor) }),
  "dev-users.get": (ctx) => ({ dev_user: renderDevUser(ctx.store, mustGet(ctx.store.devUsers, ctx.input)) }),
  "dev-users.list": (ctx) => {
    const { input, store } = ctx;
    const emails = input.optStrArray("email")?.map((e) => e.toLowerCase());
    const states = input.optEnumArray("state", USER_STATES);
    const rows = store.devUsers
      .all()
      .filter((u) => inAny(emails, u.email.toLowerCase()) && inAny(states, u.state))
      .map((u) => renderDevUser(store, u));
    return listBody("dev_users", paginate(sortItems(rows, readSortBy(input)), input));
  },

  "rev-users.list": (ctx) => {
    const { input, store } = ctx;
    const orgs = idList(store, input, "rev_org");
    const emails = input.optStrArray("email")?.map((e) => e.toLowerCase());
    const refs = input.optStrArray("external_ref");
    const creators = idList(store, input, "created_by");
    const rows = store.revUsers
      .all()
      .filter(
        (u) =>
          inAny(orgs, u.rev_org) &&
          inAny(emails, u.email?.toLowerCase()) &&
          inAny(refs, u.external_ref) &&
          inAny(creators, u.created_by),
      )
      .map((u) => renderRevUser(store, u));
    return listBody("rev_users", paginate(sortItems(rows, readSortBy(input)), input));
  },
  "rev-users.get": (ctx) => ({ rev_user: renderRevUser(ctx.store, mustGet(ctx.store.revUsers, ctx.input)) }),
  "rev-users.create": (ctx) => {
    const { input, store } = ctx;
    const orgKey = input.optStr("rev_org");
    const accountKey = input.optStr("account");
    let revOrg: string;
    if (orgKey) revOrg = ref(store, orgKey, "rev_org", ["rev_org"]);
    else if (accountKey) {
      const account = ref(store, accountKey, "account", ["account"]);
      const org = store.revOrgs.all().find((o) => o.account === account);
      if (!org) throw missingField("rev_org");
      revOrg = org.id;
    } else throw missingField("rev_org");
    const email = input.optStr("email");
    if (email && store.revUsers.all().some((u) => u.email?.toLowerCase() === email.toLowerCase())) {
      throw conflict(`a contact with email ${email} already exists`);
    }
    const num = store.revUsers.nextNum();
    const name = input.optStr("display_name") ?? email ?? `Contact ${num}`;
    const row = store.revUsers.insert(
      defined({
        id: `${revOrg}:revu/${num}`,
        display_id: `REVU-${num}`,
        display_name: name,
        full_name: name,
        email,
        rev_org: revOrg,
        description: input.optStr("description"),
        external_ref: input.optStr("external_ref"),
        phone_numbers: input.optStrArray("phone_numbers") ?? [],
        tags: readTagList(store, input.optObjArray("tags"), "tags") ?? [],
        ...created(ctx),
      }),
    );
    return { rev_user: renderRevUser(store, row) };
  },
  "rev-users.update": (ctx) => {
    const { input, store } = ctx;
    const u = mustGet(store.revUsers, input);
    const name = input.optStr("display_name");
    if (name !== undefined) u.display_name = name;
    const email = input.optStr("email");
    if (email !== undefined) u.email = email;
    if (input.has("description")) u.description = input.optStr("description");
    if (input.has("external_ref")) u.external_ref = input.optStr("external_ref");
    const phones = input.optStrArray("phone_numbers");
    if (phones) u.phone_numbers = phones;
    const tags = readTagList(store, input.optObjArray("tags"), "tags");
    if (tags) u.tags = tags;
    touch(ctx, u);
    return { rev_user: renderRevUser(store, u) };
  },
  "rev-users.delete": (ctx) => {
    ctx.store.revUsers.delete(mustGet(ctx.store.revUsers, ctx.input).id);
    return {};
  },
};
