import { z } from "zod";
import type { Schemas } from "../../devrev/types.js";
import { sanitizeLine, sanitizeText } from "../../util/sanitize.js";
import { day, fields, type UserRef, userLabel, userRef, userRefSchema } from "../shared/format.js";
import { strip } from "../shared/strip.js";

// Compact forms of DevRev's customers: accounts (the company) and rev orgs (the workspaces a
// company's contacts and tickets belong to; every account has a default one).

type Account = Schemas["account"];
type RevOrg = Schemas["rev-org"];
type OrgSummary = Schemas["org-summary"];
type AccountSummary = Schemas["account-summary"];

export const orgRefSchema = z.object({
  id: z.string(),
  type: z.string(),
  display_id: z.string().optional(),
  name: z.string().optional(),
});
export type OrgRef = z.infer<typeof orgRefSchema>;

export function orgRef(o: OrgSummary | AccountSummary | undefined): OrgRef | undefined {
  if (!o) return undefined;
  return strip({
    id: o.id,
    type: o.type,
    display_id: o.display_id,
    name: sanitizeLine(o.display_name, 120) || undefined,
  });
}

export const accountSchema = z.object({
  id: z.string(),
  display_id: z.string().optional(),
  name: z.string(),
  tier: z.string().optional(),
  domains: z.array(z.string()).optional(),
  websites: z.array(z.string()).optional(),
  owners: z.array(userRefSchema),
  external_refs: z.array(z.string()).optional(),
  tags: z.array(z.string()).optional(),
  description: z.string().optional(),
  created_date: z.string().optional(),
  modified_date: z.string().optional(),
});
export type AccountShape = z.infer<typeof accountSchema>;

export const revOrgSchema = z.object({
  id: z.string(),
  display_id: z.string().optional(),
  name: z.string(),
  account: orgRefSchema.optional(),
  external_ref: z.string().optional(),
  tags: z.array(z.string()).optional(),
  description: z.string().optional(),
  created_date: z.string().optional(),
  modified_date: z.string().optional(),
});
export type RevOrgShape = z.infer<typeof revOrgSchema>;

const clean = (values: readonly string[] | undefined, max = 120): string[] | undefined => {
  const out = (values ?? []).map((v) => sanitizeLine(v, max)).filter(Boolean);
  return out.length ? out : undefined;
};

const tagNames = (tags: Schemas["tag-with-value"][] | undefined): string[] | undefined =>
  clean(
    tags?.map((t) => (t.value ? `${t.tag.name}=${t.value}` : t.tag.name)),
    60,
  );

export function toAccount(a: Account, descriptionMax = 0): AccountShape {
  return strip({
    id: a.id,
    display_id: a.display_id,
    name: sanitizeLine(a.display_name, 120) || a.display_id || a.id,
    tier: a.tier ? sanitizeLine(a.tier, 40) : undefined,
    domains: clean(a.domains),
    websites: clean(a.websites, 200),
    owners: (a.owned_by ?? []).map(userRef).filter((u): u is UserRef => !!u),
    external_refs: clean(a.external_refs),
    tags: tagNames(a.tags),
    description:
      descriptionMax > 0 && a.description ? sanitizeText(a.description, descriptionMax) : undefined,
    created_date: a.created_date,
    modified_date: a.modified_date,
  });
}

export function toRevOrg(o: RevOrg, descriptionMax = 0): RevOrgShape {
  return strip({
    id: o.id,
    display_id: o.display_id,
    name: sanitizeLine(o.display_name, 120) || o.display_id || o.id,
    account: orgRef(o.account),
    external_ref: o.external_ref ? sanitizeLine(o.external_ref, 120) : undefined,
    tags: tagNames(o.tags),
    description:
      descriptionMax > 0 && o.description ? sanitizeText(o.description, descriptionMax) : undefined,
    created_date: o.created_date,
    modified_date: o.modified_date,
  });
}

export function renderAccountLine(a: AccountShape): string {
  const rest = fields([
    ["tier", a.tier],
    ["domains", a.domains?.join(", ")],
    ["owner", a.owners.length ? a.owners.map(userLabel).join(", ") : undefined],
    ["updated", day(a.modified_date)],
  ]);
  const head = `${a.display_id ?? a.id} ${a.name}`;
  return rest ? `${head} — ${rest}` : head;
}

export function renderAccountDetail(a: AccountShape): string {
  const lines = [
    `${a.display_id ?? ""} ${a.name} (account)`.trim(),
    `id: ${a.id}`,
    fields([
      ["tier", a.tier],
      ["owners", a.owners.length ? a.owners.map(userLabel).join(", ") : "none"],
    ]),
    fields([
      ["domains", a.domains?.join(", ")],
      ["websites", a.websites?.join(", ")],
    ]),
    fields([
      ["external refs", a.external_refs?.join(", ")],
      ["tags", a.tags?.join(", ")],
    ]),
    fields([
      ["created", day(a.created_date)],
      ["updated", day(a.modified_date)],
    ]),
  ].filter(Boolean);
  if (a.description) lines.push("", a.description);
  return lines.join("\n");
}

export function renderRevOrgLine(o: RevOrgShape): string {
  const rest = fields([
    ["account", o.account ? (o.account.display_id ?? o.account.id) : undefined],
    ["external ref", o.external_ref],
    ["updated", day(o.modified_date)],
    ["id", o.id],
  ]);
  const head = `${o.display_id ?? "-"} ${o.name}`;
  return rest ? `${head} — ${rest}` : head;
}

export function renderRevOrgDetail(o: RevOrgShape): string {
  const lines = [
    `${o.display_id ?? ""} ${o.name} (rev org)`.trim(),
    `id: ${o.id}`,
    fields([
      [
        "account",
        o.account ? `${o.account.name ?? ""} (${o.account.display_id ?? o.account.id})`.trim() : undefined,
      ],
      ["external ref", o.external_ref],
      ["tags", o.tags?.join(", ")],
    ]),
    fields([
      ["created", day(o.created_date)],
      ["updated", day(o.modified_date)],
    ]),
  ].filter(Boolean);
  if (o.description) lines.push("", o.description);
  return lines.join("\n");
}

/** What writes return as structured content: which object it was (the text shows all of it). */
export const savedSchema = z.object({ id: z.string(), display_id: z.string().optional(), name: z.string() });
export type Saved = z.infer<typeof savedSchema>;

export function saved(x: { id: string; display_id?: string | undefined; name: string }): Saved {
  return strip({ id: x.id, display_id: x.display_id, name: x.name });
}
