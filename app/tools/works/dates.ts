import { z } from "zod";

// People write due dates as 2026-03-31; DevRev's date fields are RFC 3339 date-times.

export const dateInput = z.iso
  .datetime({ offset: true })
  .or(z.iso.date())
  .describe("ISO-8601 date (2026-03-31) or date-time");

/** A plain date becomes midnight UTC of that day; a date-time passes unchanged. */
export function toDateTime(value: string): string {
  return value.length === 10 ? `${value}T00:00:00Z` : value;
}
