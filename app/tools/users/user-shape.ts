import { z } from "zod";
import type { Schemas } from "../../devrev/types.js";
import { sanitizeLine, sanitizeText } from "../../util/sanitize.js";
import { orgRef, orgRefSchema } from "../customers/customer-shape.js";
import { day, fields } from "../shared/format.js";
import { strip } from "../shared/strip.js";

// Compact forms of DevRev's people: dev users (the team) and rev users (customers' contacts).

type DevUser = Schemas["dev-user"];
type RevUser = Schemas["rev-user"];

export const USER_STATES = ["active", "deactivated", "deleted", "locked", "shadow", "unassigned"] as const;

export const devUserSchema = z.object({
  id: z.string(),
  display_id: z.string().optional(),
  name: z.string().optional(),
  handle: z.string().optional(),
  email: z.string().optional(),
  state: z.string().optional(),
  timezone: z.string().optional(),
});
export type DevUserShape = z.infer<typeof devUserSchema>;

export const revUserSchema = z.object({
  id: z.string(),
  display_id: z.string().optional(),
  name: z.string().optional(),
  email: z.string().optional(),
  org: orgRefSchema.optional(),
  external_ref: z.string().optional(),
  phone_numbers: z.array(z.string()).optional(),
  description: z.string().optional(),
  created_date: z.string().optional(),
  modified_date: z.string().optional(),
});
export type RevUserShape = z.infer<typeof revUserSchema>;

export function toDevUser(u: DevUser): DevUserShape {
  return strip({
    id: u.id,
    display_id: u.display_id,
    name: sanitizeLine(u.full_name, 120) || undefined,
    handle: sanitizeLine(u.display_name, 80) || undefined,
    email: u.email ? sanitizeLine(u.email, 200) : undefined,
    state: u.state,
    timezone: u.timezone ? sanitizeLine(u.timezone, 60) : undefined,
  });
}

export function toRevUser(u: RevUser, withDescription = false): RevUserShape {
  const phones = (u.phone_numbers ?? []).map((p) => sanitizeLine(p, 40)).filter(Boolean);
  return strip({
    id: u.id,
    display_id: u.display_id,
    name: sanitizeLine(u.full_name ?? u.display_name, 120) || undefined,
    email: u.email ? sanitizeLine(u.email, 200) : undefined,
    org: orgRef(u.rev_org),
    external_ref: u.external_ref ? sanitizeLine(u.external_ref, 120) : undefined,
    phone_numbers: phones.length ? phones : undefined,
    description: withDescription && u.description ? sanitizeText(u.description, 2_000) : undefined,
    created_date: u.created_date,
    modified_date: u.modified_date,
  });
}

export function devUserLabel(u: DevUserShape): string {
  return u.name ?? u.handle ?? u.email ?? u.id;
}

/** One line per dev user; the full id is included because filters and writes need it. */
export function renderDevUserLine(u: DevUserShape): string {
  const head = `${u.display_id ?? "-"} ${devUserLabel(u)}${u.email ? ` <${u.email}>` : ""}`;
  const rest = fields([
    ["handle", u.handle && u.handle !== u.name ? u.handle : undefined],
    ["state", u.state],
    ["tz", u.timezone],
    ["id", u.id],
  ]);
  return rest ? `${head} — ${rest}` : head;
}

export function renderDevUserDetail(u: DevUserShape): string {
  return [
    `${u.display_id ?? ""} ${devUserLabel(u)} (dev user)`.trim(),
    `id: ${u.id}`,
    fields([
      ["email", u.email],
      ["handle", u.handle],
      ["state", u.state],
      ["timezone", u.timezone],
    ]),
  ]
    .filter(Boolean)
    .join("\n");
}

export function revUserLabel(u: RevUserShape): string {
  return u.name ?? u.email ?? u.display_id ?? u.id;
}

export function renderRevUserLine(u: RevUserShape): string {
  const head = `${u.display_id ?? "-"} ${revUserLabel(u)}${u.email && u.email !== u.name ? ` <${u.email}>` : ""}`;
  const rest = fields([
    ["org", u.org ? (u.org.name ?? u.org.display_id ?? u.org.id) : undefined],
    ["phone", u.phone_numbers?.join(", ")],
    ["updated", day(u.modified_date)],
    ["id", u.id],
  ]);
  return rest ? `${head} — ${rest}` : head;
}

export function renderRevUserDetail(u: RevUserShape): string {
  const lines = [
    `${u.display_id ?? ""} ${revUserLabel(u)} (customer contact)`.trim(),
    `id: ${u.id}`,
    fields([
      ["email", u.email],
      ["phone", u.phone_numbers?.join(", ")],
      ["external ref", u.external_ref],
    ]),
    fields([
      [
        "customer",
        u.org ? `${u.org.name ?? ""} (${u.org.display_id ?? u.org.id}, ${u.org.type})`.trim() : undefined,
      ],
    ]),
    fields([
      ["created", day(u.created_date)],
      ["updated", day(u.modified_date)],
    ]),
  ].filter(Boolean);
  if (u.description) lines.push("", u.description);
  return lines.join("\n");
}

/** What writes return as structured content: which contact it was (the text shows all of it). */
export const savedUserSchema = z.object({
  id: z.string(),
  display_id: z.string().optional(),
  name: z.string().optional(),
  email: z.string().optional(),
});

export function savedUser(u: RevUserShape): z.infer<typeof savedUserSchema> {
  return strip({ id: u.id, display_id: u.display_id, name: u.name, email: u.email });
}
