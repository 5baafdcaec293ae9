// Cursor pagination as DevRev does it: `cursor` + `limit` + `mode` (after|before) in, `next_cursor`
// and `prev_cursor` out, each absent at its end. Cursors are opaque (base64url of an offset).
import { badRequest, invalidField } from "./errors.js";
import type { Input } from "./input.js";

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100;

export interface Page<T> {
  items: T[];
  next_cursor?: string;
  prev_cursor?: string;
}

const PREFIX = "sbx:";

export function encodeCursor(offset: number): string {
  return Buffer.from(`${PREFIX}${offset}`, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const offset = text.startsWith(PREFIX) ? Number(text.slice(PREFIX.length)) : Number.NaN;
  if (!Number.isInteger(offset) || offset < 0) throw badRequest("invalid cursor");
  return offset;
}

/** `limit` with DevRev's default; values above the maximum are clamped rather than refused. */
export function readLimit(input: Input, name = "limit", max = MAX_LIMIT): number {
  const limit = input.optInt(name);
  if (limit === undefined) return DEFAULT_LIMIT;
  if (limit < 1) throw invalidField(name, `${name} must be positive`);
  return Math.min(limit, max);
}

export function paginate<T>(items: readonly T[], input: Input): Page<T> {
  const limit = readLimit(input);
  const cursor = input.optStr("cursor");
  const mode = input.optEnum("mode", ["after", "before"] as const) ?? "after";
  const at = cursor ? Math.min(decodeCursor(cursor), items.length) : mode === "before" ? items.length : 0;
  const start = mode === "after" ? at : Math.max(0, at - limit);
  const end = mode === "after" ? Math.min(items.length, at + limit) : at;
  const page: Page<T> = { items: items.slice(start, end) };
  if (end < items.length) page.next_cursor = encodeCursor(end);
  // A prev cursor is used with mode=before: it names the first item of this page.
  if (start > 0) page.prev_cursor = encodeCursor(start);
  return page;
}

/** Export operations take `first` instead of a cursor. */
export function readFirst(input: Input, max = 500): number {
  return readLimit(input, "first", max);
}
