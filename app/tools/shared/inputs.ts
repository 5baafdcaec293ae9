import { z } from "zod";

// Input fragments shared by list tools, so every list pages and sorts the same way.

// Paging is explained once in the server instructions; these stay terse on purpose.
export const cursorInput = z.string().optional();

const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/**
 * An ISO-8601 date (2026-03-31) or date-time. A refinement instead of zod's ISO schemas: the same
 * check, without a 600-byte regex in every tools/list entry.
 */
export const dateInput = z
  .string()
  .refine(
    (v) => ISO.test(v) && !Number.isNaN(Date.parse(v)),
    "must be an ISO-8601 date or date-time, e.g. 2026-03-31",
  )
  .describe("ISO date or date-time");

export const limitInput = z.number().int().optional().describe("Default 25, max 100");

const SORT = /^-?[a-z_.]+(:(asc|desc))?$/;

export const sortByInput = z
  .array(z.string().refine((v) => SORT.test(v), 'use "field:asc" or "field:desc", e.g. "modified_date:desc"'))
  .optional()
  .describe('e.g. "modified_date:desc"');

/** DevRev answers 400 to the `-field` shorthand: rewrite it to `field:desc`. */
export function normaliseSortBy(sortBy: readonly string[] | undefined): string[] | undefined {
  if (!sortBy?.length) return undefined;
  return sortBy.map((s) => {
    if (s.startsWith("-")) return `${s.slice(1)}:desc`;
    return s.includes(":") ? s : `${s}:asc`;
  });
}
