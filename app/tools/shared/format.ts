import { z } from "zod";
import type { UserSummary } from "../../devrev/types.js";
import { sanitizeLine } from "../../util/sanitize.js";

// Small shared pieces of every rendering: people, dates, cursors.

export const userRefSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  email: z.string().optional(),
});
export type UserRef = z.infer<typeof userRefSchema>;

export function userRef(u: UserSummary | undefined): UserRef | undefined {
  if (!u) return undefined;
  const name = sanitizeLine(u.full_name ?? u.display_name ?? "", 80) || undefined;
  return { id: u.id, ...(name ? { name } : {}), ...(u.email ? { email: u.email } : {}) };
}

export function userLabel(u: UserRef | undefined): string {
  if (!u) return "—";
  return u.name ?? u.email ?? u.id;
}

/** Dates as YYYY-MM-DD: the time of day is noise for triage and costs tokens. */
export function day(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  return iso.length >= 10 ? iso.slice(0, 10) : iso;
}

// The cursor line belongs to the result layer, which may move the cursor when it cuts a page.
export { cursorLine } from "../../mcp/result.js";

/** Joins `label: value` pairs, skipping empty values. */
export function fields(pairs: Array<[string, string | number | undefined | null]>): string {
  return pairs
    .filter(([, v]) => v !== undefined && v !== null && v !== "")
    .map(([k, v]) => (k ? `${k}: ${v}` : String(v)))
    .join(" · ");
}
