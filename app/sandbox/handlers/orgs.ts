// accounts.* and rev-orgs.*. Every account gets a default rev org, as accounts.create reports.
import type { S } from "../api-types.js";
import { conflict } from "../errors.js";
import { type Fields, SORTED_PAGE, setOf, TAG_LIST } from "../fields.js";
import { inAny } from "../filters.js";
import { coreId, identityId } from "../ids.js";
import { paginate, readFirst } from "../pagination.js";
import type { AccountRec, RevOrgRec } from "../records.js";
import { readSortBy, sortItems } from "../sorting.js";
import type { Store } from "../store.js";
import { accountSummary, audit, tagWithValue, userSummary } from "../summaries.js";
import {
  created,
  defined,
  idList,
  listBody,
  mustGet,
  readSet,
  readTagList,
  ref,
  refs,
  touch,
  USER_KINDS,
} from "./common.js";
import type { Ctx, Handlers } from "./context.js";

export function renderAccount(store: Store, a: AccountRec): S["account"] {
  return defined({
    type: "account" as const,
    ...audit(store, a),
    display_name: a.display_name,
    description: a.description,
    domains: a.domains,
    websites: a.websites,
    external_refs: a.external_refs,
    tier: a.tier,
    owned_by: a.owned_by.map((u) => userSummary(store, u)),
    tags: a.tags.map((t) => tagWithValue(store, t)),
  });
}

export function renderRevOrg(store: Store, o: RevOrgRec): S["rev-org"] {
  return defined({
    type: "rev_org" as const,
    ...audit(store, o),
    display_name: o.display_name,
    account: accountSummary(store, o.account),
    description: o.description,
    external_ref: o.external_ref,
    tags: o.tags.map((t) => tagWithValue(store, t)),
  });
}

/** Inserts a rev org under an account. */
export function insertRevOrg(store: Store, fields: Omit<RevOrgRec, "id" | "display_id">): RevOrgRec {
  const num = store.revOrgs.nextNum();
  return store.revOrgs.insert({ id: identityId(`revo/${num}`), display_id: `REV-${num}`, ...fields });
}

function selectAccounts(ctx: Ctx) {
  const { input, store } = ctx;
  const names = input.optStrArray("display_name")?.map((n) => n.toLowerCase());
  const domains = input.optStrArray("domains");
  const owners = idList(store, input, "owned_by");
  const tiers = input.optStrArray("tier");
  const creators = idList(store, input, "created_by");
  const extRefs = input.optStrArray("external_refs");
  const rows = store.accounts
    .all()
    .filter(
      (a) =>
        inAny(names, a.display_name.toLowerCase()) &&
        inAny(domains, a.domains) &&
        inAny(owners, a.owned_by) &&
        inAny(tiers, a.tier) &&
        inAny(creators, a.created_by) &&
        inAny(extRefs, a.external_refs),
    )
    .map((a) => renderAccount(store, a));
  return sortItems(rows, readSortBy(input));
}

const accountHandlers: Handlers = {
  "accounts.list": (ctx) => listBody("accounts", paginate(selectAccounts(ctx), ctx.input)),
  "accounts.export": (ctx) => ({ accounts: selectAccounts(ctx).slice(0, readFirst(ctx.input)) }),
  "accounts.get": (ctx) => ({ account: renderAccount(ctx.store, mustGet(ctx.store.accounts, ctx.input)) }),
  "accounts.create": (ctx) => {
    const { input, store } = ctx;
    const name = input.str("display_name");
    if (store.accounts.all().some((a) => a.display_name.toLowerCase() === name.toLowerCase())) {
      throw conflict(`an account named ${name} already exists`);
    }
    const num = store.accounts.nextNum();
    const stamp = created(ctx);
    const account = store.accounts.insert(
      defined({
        id: coreId(`account/${num}`),
        display_id: `ACC-${num}`,
        display_name: name,
        description: input.optStr("description"),
        domains: input.optStrArray("domains") ?? [],
        websites: input.optStrArray("websites") ?? [],
        external_refs: input.optStrArray("external_refs") ?? [],
        tier: input.optStr("tier"),
        owned_by: refs(store, input.optStrArray("owned_by") ?? [ctx.actor.id], "owned_by", USER_KINDS),
        tags: readTagList(store, input.optObjArray("tags"), "tags") ?? [],
        ...stamp,
      }),
    );
    const org = insertRevOrg(store, { display_name: name, account: account.id, tags: [], ...stamp });
    return { account: renderAccount(store, account), default_rev_org: renderRevOrg(store, org) };
  },
  "accounts.update": (ctx) => {
    const { input, store } = ctx;
    const a = mustGet(store.accounts, input);
    const name = input.optStr("display_name");
    if (name !== undefined) a.display_name = name;
    if (input.has("description")) a.description = input.optStr("description");
    const domains = input.optStrArray("domains");
    if (domains) a.domains = domains;
    const websites = readSet(input, "websites");
    if (websites) a.websites = websites;
    const extRefs = input.optStrArray("external_refs");
    if (extRefs) a.external_refs = extRefs;
    // `tier` is nullable on accounts.update: null clears it.
    if (input.has("tier") || input.raw.tier === null) a.tier = input.optStr("tier");
    const owners = input.optStrArray("owned_by");
    if (owners) a.owned_by = refs(store, owners, "owned_by", USER_KINDS);
    const tags = readTagList(store, input.optObjArray("tags"), "tags");
    if (tags) a.tags = tags;
    touch(ctx, a);
    return { account: renderAccount(store, a) };
  },
  "accounts.delete": (ctx) => {
    const a = mustGet(ctx.store.accounts, ctx.input);
    ctx.store.accounts.delete(a.id);
    for (const o of ctx.store.revOrgs.all()) if (o.account === a.id) ctx.store.revOrgs.delete(o.id);
    return {};
  },
};

const revOrgHandlers: Handlers = {
  "rev-orgs.list": (ctx) => {
    const { input, store } = ctx;
    const accounts = idList(store, input, "account");
    const names = input.optStrArray("display_name")?.map((n) => n.toLowerCase());
    const extRefs = input.optStrArray("external_ref");
    const creators = idList(store, input, "created_by");
    const rows = store.revOrgs
      .all()
      .filter(
        (o) =>
          inAny(accounts, o.account) &&
          inAny(names, o.display_name.toLowerCase()) &&
          inAny(extRefs, o.external_ref) &&
          inAny(creators, o.created_by),
      )
      .map((o) => renderRevOrg(store, o));
    return listBody("rev_orgs", paginate(sortItems(rows, readSortBy(input)), input));
  },
  "rev-orgs.get": (ctx) => {
    const { input, store } = ctx;
    // Either the rev org's id, or an account whose default rev org is wanted.
    if (!input.has("id") && input.has("account")) {
      const account = mustGet(store.accounts, input, "account");
      const org = store.revOrgs.all().find((o) => o.account === account.id);
      if (org) return { rev_org: renderRevOrg(store, org) };
    }
    return { rev_org: renderRevOrg(store, mustGet(store.revOrgs, input)) };
  },
  "rev-orgs.create": (ctx) => {
    const { input, store } = ctx;
    const account = ref(store, input.str("account"), "account", ["account"]);
    const org = insertRevOrg(
      store,
      defined({
        display_name: input.str("display_name"),
        account,
        description: input.optStr("description"),
        external_ref: input.optStr("external_ref"),
        tier: input.optStr("tier"),
        tags: readTagList(store, input.optObjArray("tags"), "tags") ?? [],
        ...created(ctx),
      }),
    );
    return { rev_org: renderRevOrg(store, org) };
  },
  "rev-orgs.update": (ctx) => {
    const { input, store } = ctx;
    const o = mustGet(store.revOrgs, input);
    const name = input.optStr("display_name");
    if (name !== undefined) o.display_name = name;
    if (input.has("description")) o.description = input.optStr("description");
    if (input.has("external_ref")) o.external_ref = input.optStr("external_ref");
    if (input.has("tier")) o.tier = input.optStr("tier");
    const tags = readTagList(store, input.optObjArray("tags"), "tags");
    if (tags) o.tags = tags;
    touch(ctx, o);
    return { rev_org: renderRevOrg(store, o) };
  },
  "rev-orgs.delete": (ctx) => {
    ctx.store.revOrgs.delete(mustGet(ctx.store.revOrgs, ctx.input).id);
    return {};
  },
};

const ACCOUNT_FILTER = ["display_name", "domains", "owned_by", "tier", "created_by", "external_refs"];

export const orgsFields: Fields = {
  "accounts.list": [...SORTED_PAGE, ...ACCOUNT_FILTER],
  "accounts.export": ["first", "sort_by", ...ACCOUNT_FILTER],
  "accounts.get": ["id"],
  "accounts.create": [
    "display_name",
    "description",
    "domains",
    "websites",
    "external_refs",
    "tier",
    "owned_by",
    ...TAG_LIST,
  ],
  "accounts.update": [
    "id",
    "display_name",
    "description",
    "domains",
    ...setOf("websites"),
    "external_refs",
    "tier",
    "owned_by",
    ...TAG_LIST,
  ],
  "accounts.delete": ["id"],
  "rev-orgs.list": [...SORTED_PAGE, "account", "display_name", "external_ref", "created_by"],
  "rev-orgs.get": ["id", "account"],
  "rev-orgs.create": ["account", "display_name", "description", "external_ref", "tier", ...TAG_LIST],
  "rev-orgs.update": ["id", "display_name", "description", "external_ref", "tier", ...TAG_LIST],
  "rev-orgs.delete": ["id"],
};

export const orgsHandlers: Handlers = { ...accountHandlers, ...revOrgHandlers };
