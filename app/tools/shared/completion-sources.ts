import type { Schemas } from "../../devrev/types.js";
import type { ToolContext } from "../../mcp/tool.js";
import type { Candidate, Completer, PrefixSource } from "./completion.js";
import { completeFromSource } from "./completion.js";

// The kinds completion searches: work items (optionally of some types), accounts, rev orgs,
// articles, conversations and parts. Each is a list in DevRev, a get by display id and a search namespace.

type WorkType = "ticket" | "issue" | "task" | "opportunity";
type Namespace = Schemas["search-namespace"];
type Row = { id: string; display_id?: string };
type Listed = { items: Row[]; next: string | undefined };

interface SourceSpec<R extends Row> {
  stems: readonly string[];
  namespaces: Namespace[];
  /** The key of the object inside a search result (`work`, `account`, `org`...). */
  searchKey: string;
  names(row: R): Array<string | undefined>;
  list(body: { limit: number; cursor?: string }, ctx: ToolContext, stems: readonly string[]): Promise<Listed>;
  get(id: string, ctx: ToolContext): Promise<R | undefined>;
  /** Keeps only rows of the wanted kind (search and get can return others). */
  accept?(row: R): boolean;
}

function source<R extends Row>(spec: SourceSpec<R>): PrefixSource {
  const candidate = (r: R): Candidate => ({ value: r.display_id ?? r.id, names: spec.names(r) });
  const ok = (r: R | undefined): r is R => r !== undefined && (spec.accept?.(r) ?? true);
  return {
    stems: spec.stems,
    namespaces: spec.namespaces,
    async page(cursor, limit, ctx, stems) {
      const { items, next } = await spec.list({ limit, ...(cursor ? { cursor } : {}) }, ctx, stems);
      return { items: (items as R[]).filter(ok).map(candidate), next };
    },
    async get(displayId, ctx) {
      const row = await spec.get(displayId, ctx);
      return ok(row) ? candidate(row) : undefined;
    },
    fromSearch(r) {
      const row = (r as unknown as Record<string, R | undefined>)[spec.searchKey];
      return ok(row) ? candidate(row) : undefined;
    },
  };
}

const WORK_STEMS: Record<WorkType, string> = {
  ticket: "TKT",
  issue: "ISS",
  task: "TASK",
  opportunity: "OPP",
};
const sorted = { sort_by: ["modified_date:desc"] };

function workSource(types: readonly WorkType[]): PrefixSource {
  const typeOfStem = new Map(types.map((t) => [WORK_STEMS[t], t]));
  return source<Schemas["work"] | Schemas["work-summary"]>({
    stems: types.map((t) => WORK_STEMS[t]),
    namespaces: [...types],
    searchKey: "work",
    names: (w) => [w.title],
    accept: (w) => types.includes(w.type),
    async list(body, ctx, stems) {
      const type = stems.flatMap((s) => typeOfStem.get(s) ?? []);
      const res = await ctx.call("works.list", { ...body, ...sorted, type });
      return { items: res.works, next: res.next_cursor };
    },
    async get(id, ctx) {
      return (await ctx.call("works.get", { id })).work;
    },
  });
}

const accounts = source<Schemas["account"] | Schemas["account-summary"]>({
  stems: ["ACC"],
  namespaces: ["account"],
  searchKey: "account",
  names: (a) => [a.display_name],
  async list(body, ctx) {
    const res = await ctx.call("accounts.list", { ...body, ...sorted });
    return { items: res.accounts, next: res.next_cursor };
  },
  async get(id, ctx) {
    return (await ctx.call("accounts.get", { id })).account;
  },
});

const revOrgs = source<Schemas["rev-org"] | Schemas["org-summary"]>({
  stems: ["REV"],
  namespaces: ["rev_org"],
  searchKey: "org",
  names: (o) => [o.display_name],
  async list(body, ctx) {
    const res = await ctx.call("rev-orgs.list", { ...body, ...sorted });
    return { items: res.rev_orgs, next: res.next_cursor };
  },
  async get(id, ctx) {
    return (await ctx.call("rev-orgs.get", { id })).rev_org;
  },
});

const articles = source<Schemas["article"] | Schemas["article-summary"]>({
  stems: ["ART"],
  namespaces: ["article"],
  searchKey: "article",
  names: (a) => [a.title],
  async list(body, ctx) {
    const res = await ctx.call("articles.list", body);
    return { items: res.articles, next: res.next_cursor };
  },
  async get(id, ctx) {
    return (await ctx.call("articles.get", { id })).article;
  },
});

const conversations = source<Schemas["conversation"] | Schemas["conversation-summary"]>({
  stems: ["CONV"],
  namespaces: ["conversation"],
  searchKey: "conversation",
  names: (c) => [c.title],
  async list(body, ctx) {
    const res = await ctx.call("conversations.list", body);
    return { items: res.conversations, next: res.next_cursor };
  },
  async get(id, ctx) {
    return (await ctx.call("conversations.get", { id })).conversation;
  },
});

const parts = source<Schemas["part"] | Schemas["part-summary"]>({
  stems: ["PROD", "CAPL", "FEAT", "ENH"],
  namespaces: ["product", "capability", "feature", "enhancement"],
  searchKey: "part",
  names: (p) => [p.name],
  async list(body, ctx, stems) {
    const all = stems.length === 4;
    const type = stems.flatMap((s) => PART_TYPE_OF_STEM[s] ?? []);
    const res = await ctx.call("parts.list", { ...body, ...(all ? {} : { type }) });
    return { items: res.parts, next: res.next_cursor };
  },
  async get(id, ctx) {
    return (await ctx.call("parts.get", { id })).part;
  },
});

const PART_TYPE_OF_STEM: Record<string, Schemas["part-type"]> = {
  PROD: "product",
  CAPL: "capability",
  FEAT: "feature",
  ENH: "enhancement",
};

const using =
  (s: PrefixSource): Completer =>
  (typed, ctx) =>
    completeFromSource(s, typed, ctx);

/** Work item ids of the given types (tickets, issues and tasks by default), by display id or title. */
export function completeWorkIds(types: readonly WorkType[] = ["ticket", "issue", "task"]): Completer {
  return using(workSource(types));
}
export const completeAccountIds = using(accounts);
export const completeRevOrgIds = using(revOrgs);
export const completeArticleIds = using(articles);
export const completeConversationIds = using(conversations);
export const completePartIds = using(parts);
