// Filter predicates shared by the list operations.
import { invalidField, missingField } from "./errors.js";
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

export type DateTest = (value: string | undefined) => boolean;

/**
 * A date filter on `name`, as a test of a record's date (true when no filter is given).
 * `date-filter` fields are typed: `{type: "range", after, before}` or `{type: "preset", preset_type,
 * days}`; live DevRev answers 400 to one without `type`, and so does the sandbox. `date-time-filter`
 * fields (the older form) are plain `{after, before}`; their declared fields refuse a `type`.
 */
export function readDateFilter(
  input: Input,
  name: string,
  now: Date,
  form: "date-filter" | "date-time-filter" = "date-filter",
): DateTest {
  const filter = input.optObj(name);
  if (!filter) return () => true;
  let after = filter.optStr("after");
  let before = filter.optStr("before");
  if (form === "date-filter") {
    const type = filter.enumOf("type", ["preset", "range"] as const);
    if (type === "preset") {
      const preset = filter.enumOf("preset_type", ["last_n_days", "next_n_days"] as const);
      const days = filter.optInt("days");
      if (days === undefined) throw missingField(`${name}.days`);
      const bound = new Date(
        now.getTime() + (preset === "next_n_days" ? days : -days) * DAY_MS,
      ).toISOString();
      [after, before] = preset === "next_n_days" ? [now.toISOString(), bound] : [bound, now.toISOString()];
    }
  }
  for (const [field, v] of [
    ["after", after],
    ["before", before],
  ] as const) {
    if (v !== undefined && Number.isNaN(Date.parse(v)))
      throw invalidField(`${name}.${field}`, `${name}.${field} must be a date-time`);
  }
  const from = after === undefined ? undefined : Date.parse(after);
  const to = before === undefined ? undefined : Date.parse(before);
  return (value) => {
    if (value === undefined) return false;
    const t = Date.parse(value);
    return (from === undefined || t >= from) && (to === undefined || t <= to);
  };
}
