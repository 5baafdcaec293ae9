// People write due dates as 2026-03-31; DevRev's date fields are RFC 3339 date-times.

/** A plain date becomes midnight UTC of that day; a date-time passes unchanged. */
export function toDateTime(value: string): string {
  return value.length === 10 ? `${value}T00:00:00Z` : value;
}

/** Milliseconds since the epoch; a plain date is midnight UTC. NaN when absent or unreadable. */
export function time(iso: string | undefined): number {
  if (!iso) return Number.NaN;
  return Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
}

export interface DateBounds {
  created_after?: string | undefined;
  created_before?: string | undefined;
  modified_after?: string | undefined;
  modified_before?: string | undefined;
}

export type DateField = "created_date" | "modified_date";

/** The field date bounds apply to (modified wins when both are given), or undefined without bounds. */
export function boundedField(b: DateBounds): DateField | undefined {
  if (b.modified_after || b.modified_before) return "modified_date";
  if (b.created_after || b.created_before) return "created_date";
  return undefined;
}

/**
 * A filter for items inside every given bound: `after` inclusive, `before` exclusive. DevRev may
 * ignore date filters on some lists, so the tools apply the bounds to what comes back themselves.
 */
export function withinDateBounds(b: DateBounds) {
  const bounds: Array<[DateField, number, number]> = [
    ["created_date", bound(b.created_after, -Infinity), bound(b.created_before, Infinity)],
    ["modified_date", bound(b.modified_after, -Infinity), bound(b.modified_before, Infinity)],
  ];
  return (item: { created_date?: string | undefined; modified_date?: string | undefined }) =>
    bounds.every(([field, after, before]) => {
      if (after === -Infinity && before === Infinity) return true;
      const t = time(item[field]);
      return !Number.isNaN(t) && t >= after && t < before;
    });
}

function bound(value: string | undefined, none: number): number {
  return value ? time(value) : none;
}
