// DevRev lists page with `cursor`/`limit` and answer `next_cursor` until the end. Tools return one
// page and its cursor; helpers that must combine pages use `collect`, which always has a bound.

export interface Page<T> {
  items: T[];
  nextCursor: string | undefined;
}

export interface CollectOptions {
  /** Stop once this many items are gathered. */
  maxItems: number;
  /** Stop after this many upstream calls, whatever the item count. */
  maxPages: number;
  /** Stop early when an item says so (e.g. past a date bound on a date-sorted list). */
  stopWhen?: (item: unknown) => boolean;
}

export async function collect<T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
  options: CollectOptions,
): Promise<{ items: T[]; nextCursor: string | undefined; truncated: boolean }> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < options.maxPages; page++) {
    const result = await fetchPage(cursor);
    for (const [index, item] of result.items.entries()) {
      if (options.stopWhen?.(item)) return { items, nextCursor: undefined, truncated: false };
      items.push(item);
      if (items.length >= options.maxItems) {
        const more = index < result.items.length - 1 || result.nextCursor !== undefined;
        return { items, nextCursor: result.nextCursor, truncated: more };
      }
    }
    cursor = result.nextCursor;
    if (!cursor) return { items, nextCursor: undefined, truncated: false };
  }
  return { items, nextCursor: cursor, truncated: cursor !== undefined };
}

export function clampLimit(limit: number | undefined, fallback = 25, max = 100): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.min(max, Math.max(1, Math.trunc(limit)));
}
