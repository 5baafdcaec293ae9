import { collect } from "../../devrev/paginate.js";
import type { ToolContext } from "../../mcp/tool.js";
import { ToolInputError } from "../../mcp/tool-errors.js";
import { sanitizeLine } from "../../util/sanitize.js";
import { type ObjectKind, type ObjectRef, parseObjectRef, TOOL_FOR_KIND } from "./ids.js";

// One resolver for every argument that names a person, a customer, a part or a tag. Results show
// display ids (DEVU-2, REV-3, PROD-1, TAG-7), names ("Payments", "Globex", "urgent") and e-mails, and
// a model passes back what it saw: each form is turned into the don: id DevRev filters and writes
// need, "me" is the caller, and a wrong kind of id names the tool that lists the right kind. Names
// are looked up with DevRev's own filters where it has one and with a bounded scan where it has not.
// Every answer is memoised in the request's budget (app/devrev/request-budget.ts), so a value costs
// at most one lookup however often it appears, and an argument whose lookups would not fit in what
// the request may still call is refused by name before anything is sent.

/** What an argument takes: each kind has the id kinds it accepts and the tool that lists it. */
export type LookupKind = "user" | "dev_user" | "customer" | "part" | "tag";

interface KindInfo {
  noun: string;
  accepts: readonly ObjectKind[];
  listTool: string;
  example: string;
}

const KINDS: Record<LookupKind, KindInfo> = {
  user: {
    noun: "a user",
    accepts: ["dev_user", "rev_user"],
    listTool: "devrev_dev_users_list (customers' contacts: devrev_rev_users_list)",
    example: '"me", DEVU-2, an e-mail or a name',
  },
  dev_user: {
    noun: "a dev user",
    accepts: ["dev_user"],
    listTool: "devrev_dev_users_list",
    example: '"me", DEVU-2, an e-mail or a name',
  },
  customer: {
    noun: "a customer",
    accepts: ["rev_org", "account"],
    listTool: "devrev_accounts_list",
    example: "REV-2, ACC-3 or a customer name",
  },
  part: {
    noun: "a part",
    accepts: ["product", "capability", "feature", "enhancement"],
    listTool: "devrev_parts_list",
    example: "PROD-1, FEAT-3 or a part name",
  },
  tag: { noun: "a tag", accepts: ["tag"], listTool: "devrev_tags_list", example: "TAG-7 or a tag name" },
};

/** The DevRev operations a resolver of each kind may call, for tools' `operations` lists. */
export const LOOKUP_OPERATIONS: Record<LookupKind, readonly string[]> = {
  user: ["dev-users.self", "dev-users.get", "dev-users.list", "rev-users.get", "rev-users.list"],
  dev_user: ["dev-users.self", "dev-users.get", "dev-users.list"],
  customer: ["rev-orgs.get", "rev-orgs.list", "accounts.get", "accounts.list"],
  part: ["parts.get", "parts.list"],
  tag: ["tags.get", "tags.list"],
};

/** Lists without a name filter (users) are scanned this far for a name; then the caller is told. */
const SCAN_MAX = 500;

interface Candidate {
  id: string;
  label: string;
  names: string[];
}

/**
 * The don: ids for the values of one argument. `field` names the argument in errors. A customer
 * named by its account stands for the account's rev orgs, so it may yield several ids.
 */
export async function lookupIds(
  kind: LookupKind,
  values: readonly string[],
  ctx: ToolContext,
  field: string,
): Promise<string[]> {
  const distinct = [...new Set(values.map((v) => v.trim()))];
  const resolved = new Map<string, string[]>();
  const toLookUp: string[] = [];
  for (const value of distinct) {
    const id = withoutLookup(kind, value, ctx);
    if (id) resolved.set(value, [id]);
    else toLookUp.push(value);
  }
  // The field is part of the key because it is part of the error message a failure carries.
  const looked = await ctx.budget.resolveEach(
    field,
    toLookUp,
    (value) => `${kind}\u0000${field}\u0000${value.toLowerCase()}`,
    (value) => resolveValue(kind, value, ctx, field),
  );
  for (const [i, value] of toLookUp.entries()) resolved.set(value, looked[i] ?? []);
  return [...new Set(distinct.flatMap((value) => resolved.get(value) ?? []))];
}

/** The id of a value that needs no DevRev call: "me" with a known caller, or an accepted full don: id. */
function withoutLookup(kind: LookupKind, value: string, ctx: ToolContext): string | undefined {
  if (value.toLowerCase() === "me")
    return kind === "user" || kind === "dev_user" ? ctx.identity?.userId : undefined;
  const ref = value.startsWith("don:") ? idRef(value) : undefined;
  // An account is not an id filters take: it stands for its rev orgs, which need a call.
  if (!ref || ref.kind === "account" || !KINDS[kind].accepts.includes(ref.kind)) return undefined;
  return ref.id;
}

/** The single don: id for one value (a part, a user, a tag); a customer yields its first rev org. */
export async function lookupId(kind: LookupKind, value: string, ctx: ToolContext, field: string) {
  const [id] = await lookupIds(kind, [value], ctx, field);
  if (!id) throw new ToolInputError(`${field}: "${clip(value)}" has no ${KINDS[kind].noun.slice(2)}.`);
  return id;
}

async function resolveValue(
  kind: LookupKind,
  value: string,
  ctx: ToolContext,
  field: string,
): Promise<string[]> {
  const info = KINDS[kind];
  if (!value) throw new ToolInputError(`${field}: an empty value; give ${info.example}.`);
  if (value.toLowerCase() === "me") {
    if (kind !== "user" && kind !== "dev_user")
      throw new ToolInputError(`${field}: "me" is a user; give ${info.example}.`);
    return [await callerId(ctx)];
  }
  const ref = idRef(value);
  if (ref && ref.kind !== "unknown") {
    if (!info.accepts.includes(ref.kind)) throw wrongKind(field, value, ref, info);
    return byId(ref, ctx);
  }
  if (value.includes("@") && (kind === "user" || kind === "dev_user"))
    return [await byEmail(kind, value, ctx, field)];
  return byName(kind, value, ctx, field);
}

/** An id in any form, or undefined when the value reads as a name ("Payments", "Bob Brandt"). */
function idRef(value: string): ObjectRef | undefined {
  if (!/^(don:|https?:\/\/|[A-Za-z]+-\d+$)/i.test(value)) return undefined;
  return parseObjectRef(value);
}

function wrongKind(field: string, value: string, ref: ObjectRef, info: KindInfo): ToolInputError {
  const what = ref.kind.replace("_", " ");
  const reader = TOOL_FOR_KIND[ref.kind];
  return new ToolInputError(
    `${field}: "${clip(value)}" is ${/^[aeiou]/.test(what) ? "an" : "a"} ${what} id, not ${info.noun}` +
      `${reader ? ` (${reader} reads it)` : ""}. Give ${info.example}; ${info.listTool} lists them.`,
  );
}

/** The caller's dev user id: from the validated identity, else one dev-users.self call. */
export async function callerId(ctx: ToolContext): Promise<string> {
  if (ctx.identity?.userId) return ctx.identity.userId;
  return ctx.budget.memo("self", async () => {
    const me = await ctx.call("dev-users.self", {});
    return me.dev_user.id;
  });
}

/** Full ids pass through; display ids are read once, which also proves the object exists. */
async function byId(ref: ObjectRef, ctx: ToolContext): Promise<string[]> {
  const body = { id: ref.id };
  switch (ref.kind) {
    case "account": {
      // An account stands for its rev orgs: that is what tickets and contacts point at.
      const res = await ctx.call("rev-orgs.list", { account: [ref.id], limit: 50 });
      if (!res.rev_orgs.length)
        throw new ToolInputError(`Account ${ref.displayId ?? ref.id} has no rev orgs to filter by.`);
      return res.rev_orgs.map((o) => o.id);
    }
    case "dev_user":
      if (ref.id.startsWith("don:")) return [ref.id];
      return [(await ctx.call("dev-users.get", body)).dev_user.id];
    case "rev_user":
      if (ref.id.startsWith("don:")) return [ref.id];
      return [(await ctx.call("rev-users.get", body)).rev_user.id];
    case "rev_org":
      if (ref.id.startsWith("don:")) return [ref.id];
      return [(await ctx.call("rev-orgs.get", body)).rev_org.id];
    case "tag":
      if (ref.id.startsWith("don:")) return [ref.id];
      return [(await ctx.call("tags.get", body)).tag.id];
    default:
      if (ref.id.startsWith("don:")) return [ref.id];
      // Parts: product, capability, feature, enhancement.
      return [(await ctx.call("parts.get", body)).part.id];
  }
}

async function byEmail(kind: LookupKind, email: string, ctx: ToolContext, field: string): Promise<string> {
  const dev = await ctx.call("dev-users.list", { email: [email], limit: 2 });
  const devUser = dev.dev_users[0];
  if (devUser) return devUser.id;
  if (kind === "user") {
    const rev = await ctx.call("rev-users.list", { email: [email], limit: 2 });
    const revUser = rev.rev_users[0];
    if (revUser) return revUser.id;
  }
  throw new ToolInputError(
    `${field}: no ${kind === "user" ? "user" : "dev user"} has the e-mail "${clip(email)}"; ${KINDS[kind].listTool} lists them.`,
  );
}

async function byName(kind: LookupKind, name: string, ctx: ToolContext, field: string): Promise<string[]> {
  const info = KINDS[kind];
  if (name.length < 2)
    throw new ToolInputError(`${field}: "${clip(name)}" is too short; give ${info.example}.`);
  const { candidates, scanned } = await candidatesNamed(kind, name, ctx);
  const wanted = fold(name);
  const exact = candidates.filter((c) => c.names.some((n) => fold(n) === wanted));
  // Then a name that starts with what was typed ("Bob" for "Bob Brandt"), word by word.
  const partial = exact.length
    ? exact
    : candidates.filter((c) =>
        c.names.some((n) => fold(n).startsWith(wanted) || fold(n).includes(` ${wanted}`)),
      );
  if (partial.length === 1 && partial[0]) return [partial[0].id];
  if (partial.length === 0) {
    const scope = scanned === undefined ? "" : ` among the first ${scanned}`;
    throw new ToolInputError(
      `${field}: nothing named "${clip(name)}"${scope} is ${info.noun}. Give ${info.example}; ${info.listTool} lists them.`,
    );
  }
  if (kind === "customer" && exact.length) return exact.map((c) => c.id);
  const options = partial
    .slice(0, 8)
    .map((c) => c.label)
    .join("; ");
  throw new ToolInputError(
    `${field}: "${clip(name)}" matches ${partial.length} ${info.noun.slice(2)}s: ${options}. Call again with one of these ids.`,
  );
}

/**
 * The objects whose name may match, and how many were scanned when DevRev has no name filter (so an
 * unknown name can say how far the search went).
 */
async function candidatesNamed(
  kind: LookupKind,
  name: string,
  ctx: ToolContext,
): Promise<{ candidates: Candidate[]; scanned: number | undefined }> {
  switch (kind) {
    case "part": {
      const res = await ctx.call("parts.list", { name: [name], limit: 10 });
      return {
        candidates: res.parts.map((p) => candidate(p.id, p.display_id, [p.name ?? ""])),
        scanned: undefined,
      };
    }
    case "tag": {
      const res = await ctx.call("tags.list", { name: [name], limit: 10 });
      return { candidates: res.tags.map((t) => candidate(t.id, t.display_id, [t.name])), scanned: undefined };
    }
    case "customer": {
      // The account is what people call the customer; its rev orgs are what work points at.
      const accounts = await ctx.call("accounts.list", { display_name: [name], limit: 5 });
      const account = accounts.accounts.find((a) => fold(a.display_name ?? "") === fold(name));
      if (account) {
        const ids = await byId({ id: account.id, kind: "account" }, ctx);
        return { candidates: ids.map((id) => candidate(id, undefined, [name])), scanned: undefined };
      }
      const orgs = await ctx.call("rev-orgs.list", { display_name: [name], limit: 10 });
      return {
        candidates: orgs.rev_orgs.map((o) => candidate(o.id, o.display_id, [o.display_name ?? ""])),
        scanned: undefined,
      };
    }
    default: {
      // dev-users.list and rev-users.list have no name filter: scan, bounded.
      const devs = await ctx.budget.memo("dev-users", () =>
        collect(
          async (cursor) => {
            const res = await ctx.call("dev-users.list", { limit: 100, ...(cursor ? { cursor } : {}) });
            return { items: res.dev_users, nextCursor: res.next_cursor };
          },
          { maxItems: SCAN_MAX, maxPages: SCAN_MAX / 100 },
        ),
      );
      const fromDevs = devs.items.map((u) =>
        candidate(
          u.id,
          u.display_id,
          [u.full_name ?? "", u.display_name ?? ""],
          u.full_name ?? u.display_name,
        ),
      );
      if (kind === "dev_user" || matchesAny(fromDevs, name))
        return { candidates: fromDevs, scanned: devs.truncated ? devs.items.length : undefined };
      const revs = await ctx.budget.memo("rev-users", () =>
        collect(
          async (cursor) => {
            const res = await ctx.call("rev-users.list", { limit: 100, ...(cursor ? { cursor } : {}) });
            return { items: res.rev_users, nextCursor: res.next_cursor };
          },
          { maxItems: SCAN_MAX, maxPages: SCAN_MAX / 100 },
        ),
      );
      return {
        candidates: revs.items.map((u) =>
          candidate(
            u.id,
            u.display_id,
            [u.full_name ?? "", u.display_name ?? ""],
            u.full_name ?? u.display_name,
          ),
        ),
        scanned: revs.truncated || devs.truncated ? devs.items.length + revs.items.length : undefined,
      };
    }
  }
}

function matchesAny(candidates: Candidate[], name: string): boolean {
  const wanted = fold(name);
  return candidates.some((c) =>
    c.names.some((n) => fold(n).startsWith(wanted) || fold(n).includes(` ${wanted}`)),
  );
}

function candidate(id: string, displayId: string | undefined, names: string[], label?: string): Candidate {
  const shown = sanitizeLine(label ?? names[0] ?? "", 60);
  return { id, names: names.filter(Boolean), label: `${displayId ?? id}${shown ? ` ${shown}` : ""}` };
}

function fold(s: string): string {
  return s.trim().toLowerCase().replace(/\s+/g, " ");
}

function clip(s: string): string {
  const line = sanitizeLine(s, 80);
  return line;
}
