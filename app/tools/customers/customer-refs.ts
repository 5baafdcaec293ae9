import { collect } from "../../devrev/paginate.js";
import type { Schemas } from "../../devrev/types.js";
import type { ToolContext } from "../../mcp/tool.js";
import { ToolInputError } from "../../mcp/tool-errors.js";
import { sanitizeLine } from "../../util/sanitize.js";
import { expectKind, type ObjectRef, parseObjectRef } from "../shared/ids.js";
import { resolveRevOrgIds } from "../shared/resolve.js";

// Turning what a person calls a customer (ACC-3, REV-2, a don: id, a URL, or just "Globex") into
// the account and rev orgs DevRev filters need.

type Account = Schemas["account"];
type RevOrg = Schemas["rev-org"];

const ID_LIKE = /^(don:|https?:\/\/|[A-Za-z]+-\d+$)/i;

/** The rev orgs an account owns, bounded: one page of at most `max`. */
export async function revOrgsOfAccount(
  accountId: string,
  ctx: ToolContext,
  max = 50,
): Promise<{ revOrgs: RevOrg[]; complete: boolean }> {
  const res = await ctx.call("rev-orgs.list", { account: [accountId], limit: max });
  return { revOrgs: res.rev_orgs, complete: !res.next_cursor };
}

/** Rev org ids for filters: REV-2, don: ids, accounts (ACC-3, its rev orgs) and customer names. */
export function revOrgIdsFor(values: readonly string[], ctx: ToolContext): Promise<string[]> {
  return resolveRevOrgIds(values, ctx);
}

export interface ResolvedCustomer {
  account: Account | undefined;
  /** Set when the caller named a rev org rather than an account. */
  revOrg: RevOrg | undefined;
}

/**
 * An account or rev org by id, or an account by name: an exact (case-insensitive) name wins, else a
 * single partial match; several candidates are listed back so the caller can choose.
 */
export async function resolveCustomer(input: string, ctx: ToolContext): Promise<ResolvedCustomer> {
  const text = input.trim();
  let ref: ObjectRef | undefined;
  if (ID_LIKE.test(text)) {
    ref = parseObjectRef(text);
    if (ref.kind !== "unknown")
      ref = expectKind(text, ["account", "rev_org"], "a customer (account ACC-3 or rev org REV-2)");
  }
  if (ref?.kind === "account") {
    const { account } = await ctx.call("accounts.get", { id: ref.id });
    return { account, revOrg: undefined };
  }
  if (ref?.kind === "rev_org") {
    const { rev_org } = await ctx.call("rev-orgs.get", { id: ref.id });
    const accountId = rev_org.account?.id;
    const account = accountId ? (await ctx.call("accounts.get", { id: accountId })).account : undefined;
    return { account, revOrg: rev_org };
  }
  return { account: await accountByName(text, ctx), revOrg: undefined };
}

async function accountByName(name: string, ctx: ToolContext): Promise<Account> {
  const wanted = name.toLowerCase();
  if (wanted.length < 2)
    throw new ToolInputError("Give an account id (ACC-3), a rev org id (REV-2) or a name.");
  const exact = await ctx.call("accounts.list", { display_name: [name], limit: 5 });
  const first = exact.accounts.find((a) => a.display_name?.toLowerCase() === wanted);
  if (first) return first;
  // No exact name: scan a bounded number of accounts for a partial match.
  const scan = await collect<Account>(
    async (cursor) => {
      const res = await ctx.call("accounts.list", { limit: 100, ...(cursor ? { cursor } : {}) });
      return { items: res.accounts, nextCursor: res.next_cursor };
    },
    { maxItems: 500, maxPages: 5 },
  );
  const matches = scan.items.filter((a) => a.display_name?.toLowerCase().includes(wanted));
  const exactMatch = matches.find((a) => a.display_name?.toLowerCase() === wanted);
  if (exactMatch) return exactMatch;
  if (matches.length === 1 && matches[0]) return matches[0];
  if (matches.length === 0) {
    const scope = scan.truncated ? ` among the first ${scan.items.length} accounts` : "";
    throw new ToolInputError(
      `No account is named like "${sanitizeLine(name, 80)}"${scope}. Find it with devrev_accounts_list, then pass its id (ACC-3).`,
    );
  }
  const options = matches
    .slice(0, 8)
    .map((a) => `${a.display_id ?? a.id} ${sanitizeLine(a.display_name, 60)}`)
    .join("; ");
  throw new ToolInputError(
    `"${sanitizeLine(name, 80)}" matches ${matches.length} accounts: ${options}. Call again with one of these ids.`,
  );
}
