import { z } from "zod";

// The output of a list tool, one page of items: the schema and the structured content built for it.

/** `{items, count, next_cursor?, truncated?}`: `truncated` is set when the result is cut to size. */
export function pageOutput<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    items: z.array(item),
    count: z.number().int(),
    next_cursor: z.string().optional(),
    truncated: z.boolean().optional(),
  });
}

/** One page's structured content: its items, their count, and the cursor to the next page if any. */
export function page<T>(
  items: T[],
  nextCursor: string | undefined,
): { items: T[]; count: number; next_cursor?: string } {
  return { items, count: items.length, ...(nextCursor ? { next_cursor: nextCursor } : {}) };
}
