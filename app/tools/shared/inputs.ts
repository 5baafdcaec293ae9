import { z } from "zod";

// Input fragments shared by list tools, so every list pages and sorts the same way.

export const cursorInput = z.string().optional().describe("next_cursor of the previous page");

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

export const limitInput = z
  .number()
  .int()
  .optional()
  .describe("Items per page: default 25, at most 100 (larger values are clamped)");

const SORT = /^-?[a-z_.]+(:(asc|desc))?$/;

export const sortByInput = z
  .array(z.string().regex(SORT, 'use "field:asc" or "field:desc", e.g. "modified_date:desc"'))
  .optional()
  .describe('Sort keys like "modified_date:desc" or "created_date:asc"');

/** DevRev answers 400 to the `-field` shorthand: rewrite it to `field:desc`. */
export function normaliseSortBy(sortBy: readonly string[] | undefined): string[] | undefined {
  if (!sortBy?.length) return undefined;
  return sortBy.map((s) => {
    if (s.startsWith("-")) return `${s.slice(1)}:desc`;
    return s.includes(":") ? s : `${s}:asc`;
  });
}
