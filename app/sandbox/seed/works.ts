// 60 tickets and 40 issues spread over stages, severities, priorities, owners, customers and due
// dates, with comments, change events, ticket-issue links, sprints and SLA trackers. A seeded PRNG
// makes the spread look random but identical on every start.

import { withArticle } from "../../util/indefinite-article.js";
import { insertLink } from "../handlers/links.js";
import { insertWork } from "../handlers/works-write.js";
import { coreId } from "../ids.js";
import type { WorkRec } from "../records.js";
import { pick, type Random } from "../rng.js";
import type { Store } from "../store.js";
import { addComment, recordChange } from "../timeline-events.js";
import type { Catalog } from "./catalog.js";
import type { SeedClock } from "./clock.js";
import type { People } from "./people.js";

const TICKET_TITLES: Record<string, string[]> = {
  Billing: [
    "Invoice PDF is missing line items",
    "Duplicate invoice emailed to customer",
    "Tax amount rounded incorrectly",
    "Cannot download invoices older than 12 months",
    "Card payment declined with a valid card",
    "Refund not reflected on statement",
    "3-D Secure challenge loops forever",
  ],
  "Mobile App": [
    "Push notifications not delivered on iOS 17",
    "App crashes when opening offline drafts",
    "Sync conflict dialog shows the wrong version",
    "Login fails after app update",
    "Dark mode text unreadable on settings page",
  ],
  "Developer API": [
    "Webhook deliveries delayed by hours",
    "Webhook signature verification fails",
    "PAT rotation invalidates all sessions",
    "Rate limit headers missing from API responses",
    "API returns 500 on large exports",
  ],
};

const ISSUE_TITLES: Record<string, string[]> = {
  Billing: [
    "Paginate invoice line items in PDF renderer",
    "Fix banker's rounding in tax engine",
    "Deduplicate invoice email jobs",
    "Retry 3-D Secure callback on timeout",
    "Expose refund status in billing API",
    "Archive invoices older than a year to cold storage",
  ],
  "Mobile App": [
    "Migrate APNs client to token-based auth",
    "Guard against null draft on offline open",
    "Show both versions in sync conflict dialog",
    "Refresh session token on app upgrade",
    "Fix contrast of settings labels in dark mode",
  ],
  "Developer API": [
    "Scale webhook dispatcher workers",
    "Use raw body for webhook signatures",
    "Scope PAT rotation to a single token",
    "Add RateLimit headers to all responses",
    "Stream large exports instead of buffering",
  ],
};

const TICKET_STAGES = [
  "queued",
  "queued",
  "work_in_progress",
  "work_in_progress",
  "awaiting_customer_response",
  "awaiting_development",
  "awaiting_product_assist",
  "resolved",
  "resolved",
  "canceled",
];
const ISSUE_STAGES = [
  "triage",
  "backlog",
  "backlog",
  "prioritized",
  "in_development",
  "in_development",
  "in_review",
  "in_testing",
  "completed",
  "completed",
  "wont_fix",
];
const SEVERITIES = ["blocker", "high", "high", "medium", "medium", "medium", "low", "low"] as const;
const PRIORITIES = ["p0", "p1", "p1", "p2", "p2", "p2", "p3"] as const;
const CLOSED = new Set(["resolved", "canceled", "completed", "wont_fix", "duplicate"]);

export interface SeededWorks {
  tickets: WorkRec[];
  issues: WorkRec[];
  sprints: string[];
}

interface Env {
  store: Store;
  clock: SeedClock;
  rnd: Random;
  people: People;
  catalog: Catalog;
}

function stamp(env: Env, by: string, createdDays: number, modifiedDays: number) {
  const { clock } = env;
  return {
    created_by: by,
    created_date: clock.at(createdDays),
    modified_by: by,
    modified_date: clock.at(Math.min(modifiedDays, 0), 2),
  };
}

function tagsFor(env: Env, kind: "ticket" | "issue"): { id: string }[] {
  const { rnd, catalog } = env;
  const names =
    kind === "ticket"
      ? ["bug", "customer-escalation", "feature-request", "ux"]
      : ["bug", "regression", "performance", "security"];
  const count = Math.floor(rnd() * 3);
  const chosen = new Set<string>();
  for (let i = 0; i < count; i++) chosen.add(pick(rnd, names));
  return [...chosen].flatMap((n) => (catalog.tags[n] ? [{ id: catalog.tags[n] }] : []));
}

function seedSprints(env: Env): string[] {
  const { store, clock, people } = env;
  const stampV = stamp(env, people.bob, -120, -1);
  const n = store.vistas.nextNum();
  const vista = store.vistas.insert({
    id: coreId(`vista/${n}`),
    display_id: `VISTA-${n}`,
    type: "grouped",
    name: "Engineering sprint board",
    flavor: "sprint_board",
    filter_type: "works",
    items: [],
    is_default: false,
    ...stampV,
  });
  const sprints: [string, "completed" | "active" | "planned", number][] = [
    ["Sprint 23", "completed", -28],
    ["Sprint 24", "active", -14],
    ["Sprint 25", "planned", 0],
  ];
  return sprints.map(([name, state, start]) => {
    const m = store.vistaGroups.nextNum();
    return store.vistaGroups.insert({
      id: `${vista.id}:vista_group/${m}`,
      vista: vista.id,
      name,
      state,
      start_date: clock.at(start),
      end_date: clock.at(start + 14),
      ...stampV,
    }).id;
  });
}

function seedTickets(env: Env): WorkRec[] {
  const { store, clock, rnd, people, catalog } = env;
  const products = Object.keys(TICKET_TITLES);
  const owners = [people.alice, people.alice, people.bob, people.carol, people.dan, people.eve];
  const tickets: WorkRec[] = [];
  for (let i = 0; i < 60; i++) {
    const product = products[i % products.length] ?? "Billing";
    const titles = TICKET_TITLES[product] ?? [];
    const customer = pick(rnd, people.customers);
    const title = `${titles[Math.floor(i / products.length) % titles.length]} (${customer.name})`;
    const stage = pick(rnd, TICKET_STAGES);
    // Ascending creation dates keep display ids chronological: TKT-1 is the oldest.
    const createdDays = -92 + Math.floor(i * 1.5);
    // Due dates from two weeks overdue to seven weeks out, never before the ticket existed.
    const dueIn = Math.max(createdDays + 3, Math.floor(rnd() * 50) - 15);
    const reporter = pick(rnd, customer.contacts);
    const billingDispute = product === "Billing" && i % 7 === 0;
    const ticket = insertWork(store, {
      type: "ticket",
      title,
      body: `Reported by ${withArticle(customer.name)} user. ${title.split(" (")[0]}. Steps and screenshots are in the comments.`,
      owned_by: [pick(rnd, owners)],
      reported_by: [reporter],
      applies_to_part: pick(rnd, catalog.leaves[product] ?? []),
      stage,
      tags: tagsFor(env, "ticket"),
      ...(rnd() < 0.7 ? { target_close_date: clock.at(dueIn) } : {}),
      ...(CLOSED.has(stage) ? { actual_close_date: clock.at(Math.min(createdDays + 5, -1)) } : {}),
      severity: pick(rnd, SEVERITIES),
      rev_org: customer.revOrg,
      account: customer.account,
      group: people.groups.support,
      needs_response: stage === "queued" || stage === "work_in_progress",
      ...(billingDispute
        ? {
            subtype: "billing_dispute",
            custom_fields: { ctype__invoice_number: `INV-${1000 + i}`, ctype__disputed_amount: 50 + i * 10 },
          }
        : {}),
      // Customers file half the tickets through the portal; support files the rest.
      ...stamp(env, i % 2 === 0 ? reporter : people.alice, createdDays, createdDays + 3),
    });
    tickets.push(ticket);
  }
  return tickets;
}

function seedIssues(env: Env, sprints: string[]): WorkRec[] {
  const { store, clock, rnd, people, catalog } = env;
  const products = Object.keys(ISSUE_TITLES);
  const owners = [people.bob, people.carol, people.dan, people.alice];
  const issues: WorkRec[] = [];
  for (let i = 0; i < 40; i++) {
    const product = products[i % products.length] ?? "Billing";
    const titles = ISSUE_TITLES[product] ?? [];
    const base = titles[Math.floor(i / products.length) % titles.length] ?? "Investigate";
    const round = Math.floor(i / (products.length * titles.length));
    const stage = i === 39 ? "duplicate" : pick(rnd, ISSUE_STAGES);
    const createdDays = -102 + Math.floor(i * 2.5);
    const inSprint = ["in_development", "in_review", "in_testing", "prioritized"].includes(stage);
    const done = stage === "completed";
    const issue = insertWork(store, {
      type: "issue",
      title: round ? `${base} (follow-up ${round})` : base,
      body: `Engineering work for ${product}. ${base}.`,
      owned_by: [pick(rnd, owners)],
      reported_by: [people.alice],
      applies_to_part: pick(rnd, catalog.leaves[product] ?? []),
      stage,
      tags: tagsFor(env, "issue"),
      priority: pick(rnd, PRIORITIES),
      ...(inSprint ? { sprint: stage === "prioritized" ? sprints[2] : sprints[1] } : {}),
      ...(done && i % 2 === 0 ? { sprint: sprints[0] } : {}),
      ...(rnd() < 0.6
        ? { target_close_date: clock.at(Math.max(createdDays + 7, Math.floor(rnd() * 60) - 20)) }
        : {}),
      ...(CLOSED.has(stage) ? { actual_close_date: clock.at(Math.min(createdDays + 10, -1)) } : {}),
      ...(i % 4 === 0
        ? {
            subtype: "bug",
            custom_fields: { ctype__found_in_version: `3.${i % 9}.0`, ctype__is_regression: i % 8 === 0 },
          }
        : {}),
      ...stamp(env, people.alice, createdDays, createdDays + 4),
    });
    issues.push(issue);
  }
  return issues;
}

const START: Record<string, string> = { ticket: "queued", issue: "triage" };

const CUSTOMER_LINES = [
  "This is blocking our month-end close, can you give us an ETA?",
  "Attached a screenshot. It happens every time.",
  "Any update on this? Our team keeps running into it.",
  "Thanks, the workaround helps for now.",
];
const AGENT_LINES = [
  "Thanks for the report, I can reproduce it and have looped in engineering.",
  "Could you tell us which browser and app version you are on?",
  "A fix is scheduled for the next release.",
  "We deployed a fix this morning; please confirm it works for you.",
];

function seedTimelines(env: Env, works: WorkRec[]): void {
  const { store, rnd, people } = env;
  works.forEach((w, i) => {
    recordChange(store, w.id, w.created_by, w.created_date, { type: "created" });
    const start = START[w.type] ?? w.stage;
    if (w.stage !== start) {
      const at = new Date(Date.parse(w.created_date) + 86_400_000).toISOString();
      recordChange(store, w.id, w.owned_by[0] ?? people.alice, at, {
        type: "updated",
        field: "stage",
        old_value: start,
        new_value: w.stage,
      });
    }
    if (i % 3 === 2) return;
    const comments = 1 + Math.floor(rnd() * 3);
    for (let c = 0; c < comments; c++) {
      const at = new Date(Date.parse(w.created_date) + (c + 1) * 7_200_000).toISOString();
      const fromCustomer = w.type === "ticket" && c % 2 === 0 && w.reported_by[0] !== undefined;
      const author = fromCustomer ? (w.reported_by[0] ?? people.alice) : (w.owned_by[0] ?? people.alice);
      const body = fromCustomer ? pick(rnd, CUSTOMER_LINES) : pick(rnd, AGENT_LINES);
      addComment(store, w.id, author, at, body, w.type === "ticket" ? "external" : "internal");
    }
  });
}

function seedLinks(env: Env, tickets: WorkRec[], issues: WorkRec[]): void {
  const { store, people } = env;
  const productOf = (partId: string): string | undefined => {
    let p = store.parts.get(partId);
    while (p?.parent) p = store.parts.get(p.parent);
    return p?.id;
  };
  const at = (w: WorkRec) => ({
    created_by: people.alice,
    created_date: w.modified_date,
    modified_by: people.alice,
    modified_date: w.modified_date,
  });
  tickets.forEach((t, i) => {
    if (i % 3 !== 0) return;
    const product = productOf(t.applies_to_part);
    const issue =
      issues.find((x, j) => productOf(x.applies_to_part) === product && j % 4 === i % 4) ??
      issues[i % issues.length];
    if (issue) insertLink(store, { link_type: "is_related_to", source: t.id, target: issue.id, ...at(t) });
  });
  for (let i = 0; i + 1 < 10; i += 2) {
    const [a, b] = [issues[i], issues[i + 1]];
    if (a && b) insertLink(store, { link_type: "is_dependent_on", source: a.id, target: b.id, ...at(a) });
  }
  const dup = issues[39];
  const original = issues[0];
  if (dup && original)
    insertLink(store, { link_type: "is_duplicate_of", source: dup.id, target: original.id, ...at(dup) });
}

function seedSlaTrackers(env: Env, tickets: WorkRec[], sla: string): void {
  const { store, clock, people } = env;
  const enterprise = new Set(people.customers.filter((c) => c.enterprise).map((c) => c.revOrg));
  for (const t of tickets) {
    if (!t.rev_org || !enterprise.has(t.rev_org) || (t.severity !== "blocker" && t.severity !== "high"))
      continue;
    const n = store.slaTrackers.nextNum();
    const target = new Date(Date.parse(t.created_date) + 8 * 3_600_000).toISOString();
    const closed = CLOSED.has(t.stage);
    const breached = !closed && Date.parse(target) < clock.anchor.getTime();
    const row = store.slaTrackers.insert({
      id: coreId(`sla_tracker/${n}`),
      display_id: `SLAT-${n}`,
      sla,
      applies_to_id: t.id,
      applies_to_type: "ticket",
      stage: closed ? "completed" : breached ? "breached" : "running",
      status: closed ? "completed" : "active",
      metric: coreId("metric_definition/1"),
      target_time: target,
      created_by: t.created_by,
      created_date: t.created_date,
      modified_by: t.created_by,
      modified_date: t.modified_date,
    });
    t.sla_tracker = row.id;
  }
}

export function seedWorks(env: Env, sla: string): SeededWorks {
  const sprints = seedSprints(env);
  const tickets = seedTickets(env);
  const issues = seedIssues(env, sprints);
  seedTimelines(env, [...tickets, ...issues]);
  seedLinks(env, tickets, issues);
  seedSlaTrackers(env, tickets, sla);
  return { tickets, issues, sprints };
}

export type { Env as SeedEnv };
