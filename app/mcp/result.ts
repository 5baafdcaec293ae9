import type { CallToolResult } from "@modelcontextprotocol/server";
import { encodeResume, type Resume } from "./resume-cursor.js";
import type { ListLayout, ToolOutput } from "./tool.js";

// Every tool result passes through here, so no client gets a 90k-token answer. One rule for lists:
// text and structured content keep the same first items, as many as fit both budgets (text
// maxChars, structured twice that), and the cursor resumes right after the last item kept.

/** How the call was paged: where its page started and whether the tool takes a cursor at all. */
export interface Paging {
  /** The page this call read, and how many of its items an earlier call already showed. */
  resume: Resume;
  /** The tool has a `cursor` argument, so a cut page can hand out a cursor into itself. */
  resumable: boolean;
}

const NO_PAGING: Paging = { resume: { cursor: undefined, skip: 0 }, resumable: false };

export function toCallToolResult(
  out: ToolOutput<unknown>,
  maxChars: number,
  paging: Paging = NO_PAGING,
): CallToolResult {
  const structured = out.structured as Record<string, unknown> | undefined;
  if (out.list && structured && Array.isArray(structured.items)) {
    return listResult(out.list, structured, structured.items, maxChars, paging);
  }
  const result: CallToolResult = { content: [{ type: "text", text: capText(out.text, maxChars) }] };
  if (structured !== undefined) result.structuredContent = capStructured(structured, maxChars * 2);
  return result;
}

export function errorResult(message: string): CallToolResult {
  return { content: [{ type: "text", text: message }], isError: true };
}

export function capText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const notice = `\n\n[Truncated: showed ${maxChars} of ${text.length} characters. Narrow the request with filters or a smaller limit, or fetch one item by id.]`;
  const budget = Math.max(0, maxChars - notice.length);
  const cut = text.lastIndexOf("\n", budget);
  return `${text.slice(0, cut > budget * 0.5 ? cut : budget)}${notice}`;
}

/** The last line of every page: how to get the next one, or that there is none. */
export function cursorLine(nextCursor: string | undefined, noun: string): string {
  return nextCursor ? `More ${noun} exist: call again with cursor="${nextCursor}".` : `End of ${noun}.`;
}

function listResult(
  layout: ListLayout,
  structured: Record<string, unknown>,
  allItems: unknown[],
  maxChars: number,
  paging: Paging,
): CallToolResult {
  // Items an earlier call showed from this same page are dropped from both views.
  const { skip } = paging.resume;
  const items = allItems.slice(skip);
  const lines = layout.lines.slice(skip);
  const upstreamNext = typeof structured.next_cursor === "string" ? structured.next_cursor : undefined;

  const render = (kept: number) => {
    const cut = kept < items.length;
    const next = cut
      ? paging.resumable
        ? encodeResume({ cursor: paging.resume.cursor, skip: skip + kept })
        : undefined
      : upstreamNext;
    const { next_cursor: _old, truncated: _was, ...rest } = structured;
    const content: Record<string, unknown> = {
      ...rest,
      items: items.slice(0, kept),
      count: kept,
      ...(next ? { next_cursor: next } : {}),
      ...(cut || structured.truncated === true ? { truncated: true } : {}),
    };
    const parts = [
      ...(kept > 0
        ? [shownBy(layout.header, kept), ...lines.slice(0, kept)]
        : [skip > 0 ? undefined : layout.empty]),
      shownBy(layout.footer, kept),
      cut ? truncationNotice(kept, items.length, maxChars, paging.resumable) : undefined,
      layout.noun || next ? cursorLine(next, layout.noun ?? "items") : undefined,
    ];
    return { text: parts.filter((p) => p !== undefined).join("\n"), content };
  };

  const fits = (r: ReturnType<typeof render>) =>
    r.text.length <= maxChars && JSON.stringify(r.content).length <= maxChars * 2;
  let best = render(items.length);
  if (!fits(best)) {
    // The largest prefix that fits both views; at least one item, so paging always moves on.
    let lo = 1;
    let hi = items.length - 1;
    best = render(1);
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const candidate = render(mid);
      if (fits(candidate)) {
        best = candidate;
        lo = mid + 1;
      } else hi = mid - 1;
    }
  }
  return {
    content: [{ type: "text", text: capText(best.text, maxChars) }],
    structuredContent: best.content,
  };
}

/** Cuts the `items` array of a structured result without a list layout until it fits. */
function capStructured(value: Record<string, unknown>, maxChars: number): Record<string, unknown> {
  const items = value.items;
  if (!Array.isArray(items) || JSON.stringify(value).length <= maxChars) return value;
  let keep = items.length;
  let candidate = value;
  while (keep > 0) {
    keep = Math.floor(keep * 0.8);
    candidate = { ...value, items: items.slice(0, keep), count: keep, truncated: true };
    if (JSON.stringify(candidate).length <= maxChars) break;
  }
  return candidate;
}

function truncationNotice(kept: number, total: number, maxChars: number, resumable: boolean): string {
  const rest = resumable
    ? "The cursor below continues right after them; or narrow the request with filters or a smaller limit."
    : "Narrow the request with filters or a smaller limit to see the rest.";
  return `[Truncated: showed ${kept} of ${total} items to stay within ${maxChars} characters. ${rest}]`;
}

function shownBy(part: string | ((shown: number) => string) | undefined, shown: number): string | undefined {
  return typeof part === "function" ? part(shown) : part;
}
