// Filter predicates shared by the list operations.
import { invalidField } from "./errors.js";
import type { Input } from "./input.js";

/** True when no filter is given, or when any of the values is in it. */
export function inAny(
  filter: readonly string[] | undefined,
  value: string | readonly string[] | undefined,
): boolean {
  if (!filter || filter.length === 0) return true;
  if (value === undefined) return false;
  const values = typeof value === "string" ? [value] : value;
  return values.some((v) => filter.includes(v));
}

const DAY_MS = 86_400_000;

/**
 * DevRev's `date-filter` (`{type: "range", after, before}` or `{type: "preset", preset_type,
 * days}`) and the older `date-time-filter` (`{after, before}`).
 */
export function matchesDate(value: string | undefined, filter: Input | undefined, now: Date): boolean {
  if (!filter) return true;
  let after = filter.optStr("after");
  let before = filter.optStr("before");
  if (filter.optStr("type") === "preset") {
    const days = filter.optInt("days") ?? 0;
    const preset = filter.optEnum("preset_type", ["last_n_days", "next_n_days"] as const);
    const bound = new Date(now.getTime() + (preset === "next_n_days" ? days : -days) * DAY_MS).toISOString();
    [after, before] = preset === "next_n_days" ? [now.toISOString(), bound] : [bound, now.toISOString()];
  }
  for (const [name, v] of [
    ["after", after],
    ["before", before],
  ] as const) {
    if (v !== undefined && Number.isNaN(Date.parse(v)))
      throw invalidField(name, `${name} must be a date-time`);
  }
  if (value === undefined) return false;
  const t = Date.parse(value);
  if (after !== undefined && t < Date.parse(after)) return false;
  if (before !== undefined && t > Date.parse(before)) return false;
  return true;
}
