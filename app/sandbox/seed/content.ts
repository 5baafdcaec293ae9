// SLAs, knowledge base (articles, Q&A), support conversations, incidents, engagements, meetings and a
// curated "Escalations" view.

import { insertArticle } from "../handlers/articles.js";
import { insertArtifact } from "../handlers/artifacts.js";
import { insertConversation } from "../handlers/conversations.js";
import { insertEngagement } from "../handlers/engagements.js";
import { insertIncident } from "../handlers/incidents.js";
import { insertMeeting } from "../handlers/meetings.js";
import { insertQuestionAnswer } from "../handlers/question-answers.js";
import { coreId } from "../ids.js";
import type { ArticleRec } from "../records.js";
import type { Store } from "../store.js";
import { addComment } from "../timeline-events.js";
import type { Catalog } from "./catalog.js";
import type { SeedClock } from "./clock.js";
import type { People } from "./people.js";
import type { SeededWorks } from "./works.js";

interface Env {
  store: Store;
  clock: SeedClock;
  people: People;
  catalog: Catalog;
}

const stampOf = (clock: SeedClock, by: string, days: number) => ({
  created_by: by,
  created_date: clock.at(days),
  modified_by: by,
  modified_date: clock.at(days),
});

/** Returns the id of the SLA enterprise tickets are tracked against. */
export function seedSlas({ store, clock, people }: Env): string {
  const slas = [
    [
      "Enterprise Support SLA",
      "First response within 8 business hours for enterprise customers",
      "external",
      "published",
      ["ticket", "conversation"],
    ],
    ["Internal Bug Triage", "Triage new bugs within two days", "internal", "published", ["issue"]],
    ["Legacy Gold SLA", "Retired 2023 support plan", "external", "archived", ["ticket"]],
  ] as const;
  const ids = slas.map(([name, description, slaType, status, appliesTo], i) => {
    const n = store.slas.nextNum();
    return store.slas.insert({
      id: coreId(`sla/${n}`),
      display_id: `SLA-${n}`,
      name,
      description,
      sla_type: slaType,
      status,
      applies_to: [...appliesTo],
      evaluation_period: "monthly",
      ...stampOf(clock, people.alice, -180 + i),
    }).id;
  });
  return ids[0] ?? "";
}

const ARTICLES: [string, string, string, ArticleRec["status"]][] = [
  [
    "How to download past invoices",
    "PDF invoices",
    "Open Billing > Invoices, pick the period and choose Download PDF. Invoices older than 12 months are archived: use Request archive and they arrive by email within an hour.",
    "published",
  ],
  [
    "Understanding tax calculation",
    "Tax calculation",
    "Taxes are computed per line item and rounded half-even at the invoice total. VAT ids are validated against VIES before reverse charge applies.",
    "published",
  ],
  [
    "Troubleshooting declined card payments",
    "Card payments",
    "Most declines come from 3-D Secure. Ask the cardholder to approve the challenge in their banking app, then retry. Declines with code 05 must be resolved by the issuing bank.",
    "published",
  ],
  [
    "Requesting a refund",
    "Refunds",
    "Full and partial refunds are issued from the payment's page. Refunds take 5 to 10 business days to appear on the card statement.",
    "published",
  ],
  [
    "Enabling push notifications on iOS",
    "iOS push",
    "In iOS Settings > Notifications, allow notifications for the app, then sign out and in again to register the device token.",
    "published",
  ],
  [
    "Working offline in the mobile app",
    "Offline mode",
    "Drafts created offline sync when the device reconnects. If two people edit the same record, the sync conflict dialog lets you keep either version.",
    "draft",
  ],
  [
    "Verifying webhook signatures",
    "Webhook retries",
    "Compute the HMAC-SHA256 of the raw request body with your signing secret and compare it with the X-Signature header in constant time. Failed deliveries are retried with exponential backoff for 24 hours.",
    "published",
  ],
  [
    "Rotating personal access tokens",
    "Personal access tokens",
    "Create the new token first, deploy it, then revoke the old one. Revoking a token ends only the sessions that used it.",
    "review_needed",
  ],
];

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const STILL_STUCK = "Still stuck? Reply on your ticket with the steps you tried and a screenshot.";

/**
 * An article body as DevRev stores it: an HTML (or, for some, markdown) file. The first sentence
 * of the summary opens it, the rest become steps, and a closing line appears only in the body.
 */
export function articleBody(title: string, summary: string, format: "html" | "markdown"): string {
  const [lead = "", ...steps] = summary.split(/(?<=\.)\s+/);
  if (format === "markdown") {
    return [
      `# ${title}`,
      "",
      lead,
      "",
      ...steps.map((x, i) => `${i + 1}. ${x}`),
      "",
      `> ${STILL_STUCK}`,
      "",
    ].join("\n");
  }
  return [
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>${escapeHtml(lead)}</p>`,
    ...(steps.length ? ["<ol>", ...steps.map((x) => `  <li>${escapeHtml(x)}</li>`), "</ol>"] : []),
    `<p><em>${escapeHtml(STILL_STUCK)}</em></p>`,
    "",
  ].join("\n");
}

function seedArticles({ store, clock, people, catalog }: Env): string[] {
  const authors = [people.alice, people.carol, people.bob, people.dan];
  return ARTICLES.map(([title, part, description, status], i) => {
    const author = authors[i % authors.length] ?? people.alice;
    const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, "-");
    // Most bodies are HTML, as the DevRev editor writes them; two are markdown uploads.
    const format = i === 4 || i === 6 ? "markdown" : "html";
    const body = insertArtifact(store, {
      file_name: `${slug}.${format === "html" ? "html" : "md"}`,
      file_type: format === "html" ? "text/html" : "text/markdown",
      configuration_set: "article_media",
      content: Buffer.from(articleBody(title, description, format), "utf8"),
      ...stampOf(clock, author, -150 + i * 9),
    });
    return insertArticle(store, {
      title,
      description,
      status,
      article_type: "article",
      applies_to_parts: catalog.parts[part] ? [catalog.parts[part]] : [],
      authored_by: [author],
      owned_by: [author],
      tags: i === 6 && catalog.tags.security ? [{ id: catalog.tags.security }] : [],
      url: `https://support.acme.test/articles/${slug}`,
      artifacts: [body.id],
      num_upvotes: 3 + ((i * 7) % 11),
      num_downvotes: i % 3,
      ...stampOf(clock, author, -150 + i * 9),
    }).id;
  });
}

function seedQuestionAnswers({ store, clock, people, catalog }: Env, articles: string[]): void {
  const qas: [string, string, string, number][] = [
    [
      "How do I download an invoice older than a year?",
      "Use Request archive on the Invoices page; the archived PDF arrives by email within an hour.",
      "PDF invoices",
      0,
    ],
    [
      "Why was my card payment declined?",
      "Usually the 3-D Secure challenge was not approved. Approve it in the banking app and retry.",
      "Card payments",
      2,
    ],
    [
      "How long does a refund take?",
      "Refunds appear on the card statement within 5 to 10 business days.",
      "Refunds",
      3,
    ],
    [
      "How do I verify a webhook signature?",
      "HMAC-SHA256 the raw body with the signing secret and compare with X-Signature in constant time.",
      "Webhook retries",
      6,
    ],
    [
      "Does revoking a PAT log out every session?",
      "No. Only sessions that used the revoked token end.",
      "Personal access tokens",
      7,
    ],
  ];
  qas.forEach(([question, answer, part, article], i) => {
    insertQuestionAnswer(store, {
      question,
      answer,
      status: i === 4 ? "review_needed" : "published",
      applies_to_parts: catalog.parts[part] ? [catalog.parts[part]] : [],
      owned_by: [people.alice],
      sources: articles[article] ? [articles[article]] : [],
      topic: part,
      verified: i !== 4,
      ...stampOf(clock, people.alice, -100 + i * 5),
    });
  });
}

function seedConversations({ store, clock, people, catalog }: Env): void {
  const convs: [number, string, string, string, string[]][] = [
    [
      0,
      "Invoice total looks wrong",
      "new",
      "Billing",
      [
        "Our March invoice total does not match the line items.",
        "Thanks, checking with the billing team now.",
      ],
    ],
    [
      1,
      "Where can I find my receipts?",
      "resolved",
      "Billing",
      [
        "Where do I download receipts for last year?",
        "Use Request archive on the Invoices page, it arrives by email.",
      ],
    ],
    [
      2,
      "Webhooks stopped arriving",
      "waiting_on_user",
      "Developer API",
      [
        "We have not received webhooks since 9am UTC.",
        "Can you share a delivery id from your endpoint logs?",
      ],
    ],
    [
      3,
      "App keeps logging me out",
      "new",
      "Mobile App",
      ["Since the update the app logs me out every hour."],
    ],
    [
      0,
      "Refund status",
      "resolved",
      "Billing",
      [
        "Has refund for order 4471 been issued?",
        "Yes, it was issued on Monday; allow 5 to 10 business days.",
      ],
    ],
    [
      2,
      "API rate limits for bulk export",
      "archived",
      "Developer API",
      [
        "What are the rate limits for bulk exports?",
        "100 requests per minute per token; exports stream, so one call is enough.",
      ],
    ],
  ];
  convs.forEach(([customerIndex, title, stage, product, messages], i) => {
    const customer = people.customers[customerIndex];
    if (!customer) return;
    const contact = customer.contacts[0] ?? people.alice;
    const agent = i % 2 === 0 ? people.alice : people.bob;
    const conv = insertConversation(store, {
      title,
      description: messages[0],
      stage,
      members: [contact, agent],
      owned_by: [agent],
      applies_to_parts: catalog.parts[product] ? [catalog.parts[product]] : [],
      tags: [],
      group: people.groups.support,
      account: customer.account,
      rev_org: customer.revOrg,
      source_channel: i % 3 === 0 ? "email" : "plug",
      is_spam: false,
      is_frozen: stage === "archived",
      ...stampOf(clock, contact, -30 + i * 4),
    });
    messages.forEach((body, m) => {
      const at = clock.at(-30 + i * 4, m + 1);
      addComment(store, conv.id, m % 2 === 0 ? contact : agent, at, body, "external");
    });
  });
}

function seedIncidents({ store, clock, people, catalog }: Env): void {
  const incidents: [string, string, number, string, string][] = [
    [
      "Webhook delivery delays in us-east",
      "Dispatcher queue backed up after a deploy.",
      1,
      "mitigated",
      "Webhooks",
    ],
    [
      "Card payments failing for Visa",
      "Payment gateway rejected Visa authorisations for 40 minutes.",
      0,
      "resolved",
      "Card payments",
    ],
    [
      "Push notification backlog",
      "APNs throttling delays push delivery by up to 30 minutes.",
      2,
      "identified",
      "Push notifications",
    ],
  ];
  incidents.forEach(([title, body, severity, stage, part], i) => {
    insertIncident(store, {
      title,
      body,
      severity,
      stage,
      owned_by: [i === 2 ? people.bob : people.dan],
      applies_to_parts: catalog.parts[part] ? [catalog.parts[part]] : [],
      tags: [],
      identified_date: clock.at(-20 + i * 7),
      ...(stage !== "identified" ? { mitigated_date: clock.at(-20 + i * 7, 2) } : {}),
      ...(stage === "resolved" ? { actual_close_date: clock.at(-20 + i * 7, 5) } : {}),
      target_close_date: clock.at(-18 + i * 7),
      ...stampOf(clock, people.dan, -20 + i * 7),
    });
  });
}

function seedEngagements({ store, clock, people }: Env): void {
  const engagements: [number, string, "call" | "email" | "offline" | "default", number][] = [
    [0, "Quarterly business review", "call", -12],
    [2, "Renewal discussion", "email", -5],
    [1, "Onboarding workshop", "offline", 3],
    [3, "Roadmap preview", "call", 10],
  ];
  for (const [customerIndex, title, type, days] of engagements) {
    const customer = people.customers[customerIndex];
    if (!customer) continue;
    insertEngagement(store, {
      title,
      description: `${title} with ${customer.name}`,
      engagement_type: type,
      members: [people.alice, ...customer.contacts.slice(0, 1)],
      parent: customer.account,
      scheduled_date: clock.at(days),
      tags: [],
      ...stampOf(clock, people.alice, Math.min(days, 0) - 7),
    });
  }
}

/** Customer meetings: two held, one canceled, two ahead, so "my next meeting with X" has answers. */
function seedMeetings({ store, clock, people }: Env): void {
  const meetings: [
    number,
    string,
    "zoom" | "google_meet" | "teams" | "offline",
    number,
    "completed" | "canceled" | "scheduled",
  ][] = [
    [0, "Globex escalation review", "zoom", -9, "completed"],
    [1, "Onboarding kickoff", "google_meet", -4, "completed"],
    [2, "Billing walkthrough", "teams", -2, "canceled"],
    [0, "Globex renewal planning", "zoom", 2, "scheduled"],
    [3, "Quarterly check-in", "offline", 6, "scheduled"],
  ];
  meetings.forEach(([customerIndex, title, channel, days, state], i) => {
    const customer = people.customers[customerIndex];
    if (!customer) return;
    const organizer = i % 2 === 0 ? people.alice : people.bob;
    insertMeeting(store, {
      title,
      description: `${title} with ${customer.name}`,
      channel,
      direction: "outgoing",
      state,
      scheduled_date: clock.at(days, 6),
      ...(state === "completed" ? { ended_date: clock.at(days, 7) } : {}),
      organizer,
      members: [organizer, ...customer.contacts.slice(0, 2)],
      parent: customer.account,
      external_url: channel === "offline" ? undefined : `https://meet.acme.test/${i + 1}`,
      tags: [],
      ...stampOf(clock, organizer, Math.min(days, 0) - 5),
    });
  });
}

function seedEscalationsView({ store, clock, people, catalog }: Env, works: SeededWorks): void {
  const escalation = catalog.tags["customer-escalation"];
  const items = works.tickets.filter((t) => t.tags.some((x) => x.id === escalation)).map((t) => t.id);
  const n = store.vistas.nextNum();
  store.vistas.insert({
    id: coreId(`vista/${n}`),
    display_id: `VISTA-${n}`,
    type: "curated",
    name: "Escalations",
    items,
    is_default: false,
    ...stampOf(clock, people.alice, -60),
  });
}

export function seedContent(env: Env, works: SeededWorks): void {
  const articles = seedArticles(env);
  seedQuestionAnswers(env, articles);
  seedConversations(env);
  seedIncidents(env);
  seedEngagements(env);
  seedMeetings(env);
  seedEscalationsView(env, works);
}
