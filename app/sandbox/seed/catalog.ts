// Tags, the three product trees, and the subtypes (custom schema fragments) of tickets and issues.

import { insertPart } from "../handlers/parts.js";
import { insertTag } from "../handlers/tags.js";
import { coreId } from "../ids.js";
import type { PartType } from "../records.js";
import type { Store } from "../store.js";
import type { SeedClock } from "./clock.js";
import type { People } from "./people.js";

export interface Catalog {
  tags: Record<string, string>;
  /** Part id by name. */
  parts: Record<string, string>;
  /** Leaf parts (features and capabilities) grouped by product name. */
  leaves: Record<string, string[]>;
}

const TAGS: [string, string, string][] = [
  ["bug", "Something is broken", "#d73a4a"],
  ["feature-request", "A customer asked for something new", "#a2eeef"],
  ["customer-escalation", "Escalated by account management", "#b60205"],
  ["regression", "Worked in an earlier release", "#e99695"],
  ["security", "Security relevant", "#000000"],
  ["documentation", "Docs need to change", "#0075ca"],
  ["ux", "Usability", "#cfd3d7"],
  ["performance", "Slow or resource hungry", "#fbca04"],
];

type Tree = [PartType, string, string, Tree[]?];

const TREES: Tree[] = [
  [
    "product",
    "Billing",
    "Invoices, taxes and payments",
    [
      [
        "capability",
        "Invoicing",
        "Creating and delivering invoices",
        [
          ["feature", "PDF invoices", "Invoice rendering and download"],
          ["feature", "Tax calculation", "VAT and sales tax"],
        ],
      ],
      [
        "capability",
        "Payments",
        "Charging customers",
        [
          ["feature", "Card payments", "Credit and debit cards, 3-D Secure"],
          ["feature", "Refunds", "Full and partial refunds"],
        ],
      ],
      ["enhancement", "Multi-currency invoices", "Invoice in the customer's currency"],
    ],
  ],
  [
    "product",
    "Mobile App",
    "The iOS and Android apps",
    [
      [
        "capability",
        "Push notifications",
        "Alerts on the device",
        [["feature", "iOS push", "APNs delivery"]],
      ],
      [
        "capability",
        "Offline mode",
        "Working without a connection",
        [["feature", "Sync conflicts", "Resolving concurrent edits"]],
      ],
      ["enhancement", "Dark mode", "A dark colour scheme"],
    ],
  ],
  [
    "product",
    "Developer API",
    "The public REST API",
    [
      [
        "capability",
        "Webhooks",
        "Event delivery to customer endpoints",
        [["feature", "Webhook retries", "Redelivery with backoff"]],
      ],
      [
        "capability",
        "Authentication",
        "Tokens and sessions",
        [["feature", "Personal access tokens", "PAT issue and rotation"]],
      ],
    ],
  ],
];

export function seedCatalog(store: Store, clock: SeedClock, people: People): Catalog {
  const stamp = (days: number) => ({
    created_by: people.alice,
    created_date: clock.at(days),
    modified_by: people.alice,
    modified_date: clock.at(days),
  });
  const tags: Record<string, string> = {};
  TAGS.forEach(([name, description, color], i) => {
    tags[name] = insertTag(store, { name, description, color, ...stamp(-250 + i) }).id;
  });

  const parts: Record<string, string> = {};
  const leaves: Record<string, string[]> = {};
  const owners = [people.alice, people.bob, people.dan];
  const plant = (tree: Tree, product: string, parent: string | undefined, owner: string, days: number) => {
    const [type, name, description, children] = tree;
    const part = insertPart(store, {
      type,
      name,
      description,
      owned_by: [owner],
      parent,
      tags: [],
      ...(type === "enhancement" ? { target_close_date: clock.at(45) } : {}),
      ...stamp(days),
    });
    parts[name] = part.id;
    if (type !== "product" && type !== "enhancement") leaves[product] = [...(leaves[product] ?? []), part.id];
    for (const child of children ?? [])
      plant(child, product, part.id, owner === people.alice ? people.carol : owner, days + 1);
  };
  for (const [i, tree] of TREES.entries())
    plant(tree, tree[1], undefined, owners[i] ?? people.alice, -240 + i * 5);

  const fragment = (leafType: string, subtype: string, display: string, fields: FragmentFields) => {
    const n = store.fragments.nextNum();
    store.fragments.insert({
      id: coreId(`custom_type_fragment/${n}`),
      display_id: `FRAG-${n}`,
      leaf_type: leafType,
      subtype,
      subtype_display_name: display,
      fields,
      ...stamp(-220),
    });
  };
  fragment("ticket", "billing_dispute", "Billing dispute", [
    { name: "ctype__invoice_number", field_type: "text", display_name: "Invoice number" },
    { name: "ctype__disputed_amount", field_type: "int", display_name: "Disputed amount" },
  ]);
  fragment("issue", "bug", "Bug", [
    { name: "ctype__found_in_version", field_type: "text", display_name: "Found in version" },
    { name: "ctype__is_regression", field_type: "bool", display_name: "Regression" },
  ]);
  return { tags, parts, leaves };
}

type FragmentFields = { name: string; field_type: "text" | "bool" | "int"; display_name: string }[];
