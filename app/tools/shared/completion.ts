import type { Schemas } from "../../devrev/types.js";
import type { ToolContext } from "../../mcp/tool.js";

// `completion/complete` for ids: what a person types is a display-id prefix ("TKT-1", "tkt", "ISS-")
// or the start of a title or name ("login", "Glo"), and the answer must find it among all items,
// not among the last 50 modified. Display-id stems list the matching type page by page (so
// `hasMore` is DevRev's own next cursor); an exact display id is read directly; anything else goes to
// DevRev's search (beta search.core) and only prefix matches are kept. Without the beta API a
// bounded scan stands in, and `hasMore` then says when the scan stopped short.

/** MCP caps a completion at 100 values. */
export const MAX_COMPLETIONS = 100;
/** What a person types into a form field; anything longer completes to nothing without a DevRev call. */
export const MAX_TYPED = 200;
const SEARCH_PAGE = 50;
const SCAN_PAGES = 5;

export interface Completion {
  values: string[];
  /** True when more values exist than were returned (or may exist beyond what was searched). */
  hasMore: boolean;
  total?: number;
}

export type Completer = (value: string, ctx: ToolContext) => Promise<Completion>;

/** An item as completion sees it: what to insert and the names a prefix may match. */
export interface Candidate {
  value: string;
  names: Array<string | undefined>;
}

export interface PrefixSource {
  /** Display-id stems of this kind ("TKT", "ISS"): typing a prefix of one lists that kind. */
  stems: readonly string[];
  /** One page of the kind, most recently modified first; `stems` narrows to those stems' types. */
  page(
    cursor: string | undefined,
    limit: number,
    ctx: ToolContext,
    stems: readonly string[],
  ): Promise<{ items: Candidate[]; next: string | undefined }>;
  /** The item with this exact display id, when one exists. */
  get(displayId: string, ctx: ToolContext): Promise<Candidate | undefined>;
  /** DevRev search namespaces for this kind (beta); none means scan. */
  namespaces: Schemas["search-namespace"][];
  fromSearch(result: Schemas["search-result"]): Candidate | undefined;
}

/** True when `needle` (lower case) starts the value or any word of a name. */
export function startsMatch(c: Candidate, needle: string): boolean {
  if (c.value.toLowerCase().startsWith(needle)) return true;
  return c.names.some((n) => {
    const name = n?.toLowerCase();
    return !!name && (name.startsWith(needle) || name.includes(` ${needle}`));
  });
}

const DISPLAY_ID = /^([a-z]+)-(\d+)$/;
const STEM = /^([a-z]+)-?$/;

export async function completeFromSource(
  source: PrefixSource,
  typed: string,
  ctx: ToolContext,
): Promise<Completion> {
  const needle = typed.trim().toLowerCase();
  const stemHit = needle === "" ? source.stems : stemsFor(source.stems, needle);
  if (stemHit.length) {
    // Every item of those types matches: one page, and DevRev's cursor says whether more exist.
    const { items, next } = await source.page(undefined, MAX_COMPLETIONS, ctx, stemHit);
    return { values: items.map((c) => c.value), hasMore: next !== undefined };
  }
  const found: Candidate[] = [];
  const exact = needle.match(DISPLAY_ID);
  if (exact?.[1] && source.stems.some((s) => s.toLowerCase() === exact[1])) {
    const hit = await source.get(needle.toUpperCase(), ctx).catch(() => undefined);
    if (hit) found.push(hit);
  }
  let more = false;
  if (ctx.surface.beta && source.namespaces.length) {
    const res = await ctx.call("search.core", {
      query: typed.trim().slice(0, 50),
      namespaces: source.namespaces,
      limit: SEARCH_PAGE,
    });
    for (const r of res.results) {
      const c = source.fromSearch(r);
      if (c && startsMatch(c, needle)) found.push(c);
    }
    // A full page with a cursor: further results may hold more matches.
    more = res.next_cursor !== undefined && res.results.length >= SEARCH_PAGE;
  } else {
    let cursor: string | undefined;
    for (let i = 0; i < SCAN_PAGES; i++) {
      const { items, next } = await source.page(cursor, 100, ctx, source.stems);
      found.push(...items.filter((c) => startsMatch(c, needle)));
      cursor = next;
      if (!cursor || found.length > MAX_COMPLETIONS) break;
    }
    more = cursor !== undefined;
  }
  const values = [...new Set(rank(found, needle).map((c) => c.value))];
  return {
    values: values.slice(0, MAX_COMPLETIONS),
    hasMore: more || values.length > MAX_COMPLETIONS,
    ...(more ? {} : { total: values.length }),
  };
}

/**
 * Id prefix matches first, then names that start with the text, then names with a word that does;
 * within each, display ids in natural order (TKT-2 before TKT-10), so the list reads predictably.
 */
function rank(found: Candidate[], needle: string): Candidate[] {
  const score = (c: Candidate) =>
    c.value.toLowerCase().startsWith(needle)
      ? 0
      : c.names.some((n) => n?.toLowerCase().startsWith(needle))
        ? 1
        : 2;
  return [...found].sort((a, b) => score(a) - score(b) || naturalOrder.compare(a.value, b.value));
}

const naturalOrder = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/** The stems `needle` is a prefix of ("t", "tk", "tkt", "tkt-" → TKT). */
function stemsFor(stems: readonly string[], needle: string): string[] {
  const m = needle.match(STEM);
  if (!m?.[1]) return [];
  const typed = m[1];
  const dash = needle.endsWith("-");
  return stems.filter((s) => {
    const stem = s.toLowerCase();
    return dash ? stem === typed : stem.startsWith(typed);
  });
}

/** Completion from a fixed list (tones, states), case-insensitive prefix. */
export function completeFromList(options: readonly string[]): Completer {
  return async (typed) => {
    const needle = typed.trim().toLowerCase();
    const values = options.filter((o) => o.toLowerCase().startsWith(needle));
    return { values, hasMore: false, total: values.length };
  };
}

/** Wraps a completer so a failure (DevRev down, bad input) answers with no suggestions. */
export async function runCompleter(
  completer: Completer | undefined,
  typed: string,
  ctx: ToolContext,
): Promise<Completion> {
  if (!completer || typed.length > MAX_TYPED) return { values: [], hasMore: false };
  const answer = await completer(typed, ctx).catch((): Completion => ({ values: [], hasMore: false }));
  const values = answer.values.slice(0, MAX_COMPLETIONS);
  return {
    values,
    hasMore: answer.hasMore || answer.values.length > MAX_COMPLETIONS,
    ...(answer.total !== undefined ? { total: answer.total } : {}),
  };
}
