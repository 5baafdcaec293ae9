import { collect } from "../../devrev/paginate.js";
import type { Schemas, Work } from "../../devrev/types.js";
import type { ToolContext } from "../../mcp/tool.js";
import {
  type ConversationSummary,
  renderConversationLine,
  toConversationSummary,
} from "../conversations/conversation-shape.js";
import { renderWorkLine, toWorkSummary, type WorkSummary } from "../works/work-shape.js";
import { resolveCustomer, revOrgsOfAccount } from "./customer-refs.js";
import {
  type AccountShape,
  type RevOrgShape,
  renderAccountDetail,
  renderRevOrgLine,
  toAccount,
  toRevOrg,
} from "./customer-shape.js";

// "Everything about this customer" in a few bounded calls: the account, its rev orgs, its open
// tickets (most severe first) and its newest conversations. Shared by the overview tool, the
// account resource and the customer prompts; every call is a stable (non-beta) read.

export interface Overview {
  account: AccountShape | undefined;
  /** The rev org the caller named, when it was one. */
  requested_rev_org: RevOrgShape | undefined;
  rev_orgs: RevOrgShape[];
  open_tickets: { items: WorkSummary[]; total: number; complete: boolean };
  conversations: ConversationSummary[];
}

const SEVERITY_RANK: Record<string, number> = { blocker: 0, high: 1, medium: 2, low: 3 };
/** Open tickets read to find the most severe: two pages at most. */
const MAX_TICKETS_READ = 100;

export async function loadOverview(
  customer: string,
  ctx: ToolContext,
  opts: { tickets: number; conversations: number },
): Promise<Overview> {
  // Three steps, each a DevRev round trip or more: a client that asked gets progress after each.
  const { account, revOrg } = await resolveCustomer(customer, ctx);
  await ctx.progress(1, 3, "customer resolved");
  const [orgs, conversations] = await Promise.all([
    account
      ? revOrgsOfAccount(account.id, ctx)
      : Promise.resolve({ revOrgs: revOrg ? [revOrg] : [], complete: true }),
    opts.conversations > 0 ? recentConversations(account, revOrg, ctx, opts.conversations) : [],
  ]);
  await ctx.progress(2, 3, "rev orgs and conversations read");
  const tickets = await openTickets(account, orgs, ctx);
  await ctx.progress(3, 3, "open tickets read");
  if (!tickets.complete)
    await ctx.log("warning", "customer overview: open tickets were cut at the scan bound");
  return {
    account: account ? toAccount(account, 1_000) : undefined,
    requested_rev_org: revOrg ? toRevOrg(revOrg) : undefined,
    rev_orgs: orgs.revOrgs.map((o) => toRevOrg(o)),
    open_tickets: {
      items: tickets.items.slice(0, opts.tickets),
      total: tickets.items.length,
      complete: tickets.complete,
    },
    conversations,
  };
}

async function openTickets(
  account: Schemas["account"] | undefined,
  orgs: { revOrgs: Schemas["rev-org"][]; complete: boolean },
  ctx: ToolContext,
): Promise<{ items: WorkSummary[]; complete: boolean }> {
  // Tickets point at rev orgs; when an account has more rev orgs than one page shows, filter by account.
  const byOrg = orgs.complete || !account;
  if (byOrg && orgs.revOrgs.length === 0) return { items: [], complete: true };
  const ticket = byOrg ? { rev_org: orgs.revOrgs.map((o) => o.id) } : { account: [account.id] };
  const read = await collect<Work>(
    async (cursor) => {
      const res = await ctx.call("works.list", {
        type: ["ticket"],
        state: ["open", "in_progress"],
        ticket,
        limit: 50,
        sort_by: ["modified_date:desc"],
        ...(cursor ? { cursor } : {}),
      });
      return { items: res.works, nextCursor: res.next_cursor };
    },
    { maxItems: MAX_TICKETS_READ, maxPages: 2 },
  );
  const items = read.items
    .map(toWorkSummary)
    .sort(
      (a, b) =>
        (SEVERITY_RANK[a.severity ?? ""] ?? 4) - (SEVERITY_RANK[b.severity ?? ""] ?? 4) ||
        (b.modified_date ?? "").localeCompare(a.modified_date ?? ""),
    );
  return { items, complete: !read.truncated && read.nextCursor === undefined };
}

async function recentConversations(
  account: Schemas["account"] | undefined,
  revOrg: Schemas["rev-org"] | undefined,
  ctx: ToolContext,
  max: number,
): Promise<ConversationSummary[]> {
  const filter = account ? { account: [account.id] } : revOrg ? { rev_orgs: [revOrg.id] } : undefined;
  if (!filter) return [];
  const { conversations } = await ctx.call("conversations.list", { ...filter, limit: 50 });
  return conversations
    .map(toConversationSummary)
    .sort((a, b) => (b.modified_date ?? "").localeCompare(a.modified_date ?? ""))
    .slice(0, max);
}

export function renderOverview(o: Overview): string {
  const lines: string[] = [];
  if (o.account) lines.push(`# Customer: ${o.account.name}`, renderAccountDetail(o.account));
  else if (o.requested_rev_org) lines.push(`# Customer: ${o.requested_rev_org.name} (rev org, no account)`);
  if (o.requested_rev_org && o.account)
    lines.push(`(You asked about rev org ${o.requested_rev_org.display_id ?? o.requested_rev_org.id}.)`);

  lines.push("", `## Rev orgs (${o.rev_orgs.length})`);
  lines.push(o.rev_orgs.length ? o.rev_orgs.map(renderRevOrgLine).join("\n") : "(none)");

  const t = o.open_tickets;
  const total = t.complete ? `${t.total}` : `at least ${t.total}`;
  lines.push("", `## Open tickets: ${total}${t.items.length ? ", most severe first" : ""}`);
  lines.push(t.items.length ? t.items.map(renderWorkLine).join("\n") : "(none open)");
  if (t.items.length < t.total || !t.complete) {
    const orgIds = o.rev_orgs.map((r) => r.id);
    lines.push(
      `Showing ${t.items.length}. For the rest: devrev_works_list with type=["ticket"]` +
        (orgIds.length ? ` and rev_org=${JSON.stringify(orgIds)}.` : "."),
    );
  }

  lines.push("", `## Recent conversations (${o.conversations.length})`);
  lines.push(o.conversations.length ? o.conversations.map(renderConversationLine).join("\n") : "(none)");
  return lines.join("\n");
}
