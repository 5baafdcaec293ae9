// People write due dates as 2026-03-31; DevRev's date fields are RFC 3339 date-times.

/** A plain date becomes midnight UTC of that day; a date-time passes unchanged. */
export function toDateTime(value: string): string {
  return value.length === 10 ? `${value}T00:00:00Z` : value;
}
