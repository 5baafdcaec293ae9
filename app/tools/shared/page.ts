import { z } from "zod";
import type { ListLayout } from "../../mcp/tool.js";
import { cursorLine } from "./format.js";

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

export interface ListOptions<T, E> {
  /** Renders one item as its entry in the text (normally one line). */
  line: (item: T) => string;
  /** The text when there are no items: say which filters found nothing. */
  empty: string;
  /** What the items are, for the cursor line; leave out for lists that do not page. */
  noun?: string;
  nextCursor?: string | undefined;
  header?: string | ((shown: number) => string);
  footer?: string | ((shown: number) => string);
  /** Fields of the structured content beside the page (`object`, `total`...). */
  extra?: E;
}

/**
 * A list tool's output: text and structured content built from the same items, with the layout the
 * result layer needs to cut both at the same item when the page is over the size limit.
 */
export function listOutput<T, E extends object = Record<never, never>>(items: T[], o: ListOptions<T, E>) {
  const list: ListLayout = {
    lines: items.map(o.line),
    header: o.header,
    empty: o.empty,
    footer: o.footer,
    noun: o.noun,
  };
  const text = [
    ...(items.length ? [shownBy(o.header, items.length), ...list.lines] : [o.empty]),
    shownBy(o.footer, items.length),
    o.noun ? cursorLine(o.nextCursor, o.noun) : undefined,
  ]
    .filter((p) => p !== undefined)
    .join("\n");
  const structured = { ...(o.extra as E), ...page(items, o.nextCursor) };
  return { text, structured, list };
}

function shownBy(part: string | ((shown: number) => string) | undefined, shown: number): string | undefined {
  return typeof part === "function" ? part(shown) : part;
}
