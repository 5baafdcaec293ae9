import { z } from "zod";
import type { Schemas } from "../../devrev/types.js";
import { defineTool } from "../../mcp/tool.js";
import { ToolInputError } from "../../mcp/tool-errors.js";
import { sanitizeLine } from "../../util/sanitize.js";
import { day, fields } from "../shared/format.js";
import { listOutput } from "../shared/page.js";
import { strip } from "../shared/strip.js";

// One search tool over DevRev's two beta search APIs: search.hybrid (semantic + keyword, one
// namespace, no paging) and search.core (keyword with DevRev's query language, several namespaces,
// paged). Results are one line each with the id every other tool accepts.

const NAMESPACES = [
  "article",
  "issue",
  "ticket",
  "task",
  "opportunity",
  "work",
  "part",
  "product",
  "capability",
  "feature",
  "enhancement",
  "account",
  "rev_org",
  "rev_user",
  "dev_user",
  "conversation",
  "question_answer",
  "incident",
  "group",
  "tag",
] as const;
type Namespace = (typeof NAMESPACES)[number];
type CoreNamespace = Schemas["search-namespace"];

/** search.core has no umbrella `work`/`part` namespaces and no incidents. */
const CORE_NAMESPACES: Record<Namespace, readonly CoreNamespace[] | undefined> = {
  article: ["article"],
  issue: ["issue"],
  ticket: ["ticket"],
  task: ["task"],
  opportunity: ["opportunity"],
  work: ["issue", "ticket", "task", "opportunity"],
  part: ["product", "capability", "feature", "enhancement"],
  product: ["product"],
  capability: ["capability"],
  feature: ["feature"],
  enhancement: ["enhancement"],
  account: ["account"],
  rev_org: ["rev_org"],
  rev_user: ["rev_user"],
  dev_user: ["dev_user"],
  conversation: ["conversation"],
  question_answer: ["question_answer"],
  incident: undefined,
  group: ["group"],
  tag: ["tag"],
};

const hitSchema = z.object({
  type: z.string().describe("What was found: ticket, issue, article, account, user..."),
  id: z.string(),
  display_id: z.string().optional(),
  title: z.string(),
  stage: z.string().optional(),
  snippet: z.string().optional(),
  modified_date: z.string().optional(),
});
type Hit = z.infer<typeof hitSchema>;

export const search = defineTool({
  name: "devrev_search",
  title: "Search DevRev",
  toolset: "search",
  inDefault: true,
  description:
    "Search by words. Mode hybrid (default with a namespace) ranks by meaning in one namespace; keyword " +
    "(default without) searches all, paged.",
  input: z.object({
    query: z.string().trim().min(1).max(400),
    namespace: z.enum(NAMESPACES).optional(),
    mode: z.enum(["hybrid", "keyword"]).optional(),
    limit: z.number().optional(),
    cursor: z.string().optional().describe("Keyword mode"),
  }),
  output: z.object({
    items: z.array(hitSchema),
    count: z.number().int(),
    mode: z.enum(["hybrid", "keyword"]),
    next_cursor: z.string().optional(),
    truncated: z.boolean().optional(),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["search.hybrid", "search.core"],
  beta: true,
  async handler(args, ctx) {
    const mode = args.mode ?? (args.namespace ? "hybrid" : "keyword");
    const limit = Math.min(50, Math.max(1, Math.trunc(args.limit ?? 10)));
    let results: Schemas["search-result"][];
    let nextCursor: string | undefined;
    if (mode === "hybrid") {
      if (!args.namespace) {
        throw new ToolInputError(
          'Hybrid search needs a namespace (e.g. "ticket" or "article"); use mode "keyword" to search everything.',
        );
      }
      if (args.cursor)
        throw new ToolInputError("cursor applies to keyword mode only; hybrid search does not page.");
      const body = { query: args.query, namespace: args.namespace, limit };
      ({ results } = await ctx.call("search.hybrid", body));
    } else {
      const namespaces = args.namespace ? CORE_NAMESPACES[args.namespace] : undefined;
      if (args.namespace && !namespaces) {
        throw new ToolInputError(`Keyword search cannot search ${args.namespace}s; use mode "hybrid".`);
      }
      const body = {
        query: args.query,
        limit,
        ...(namespaces ? { namespaces: [...namespaces] } : {}),
        ...(args.cursor ? { cursor: args.cursor } : {}),
      };
      const res = await ctx.call("search.core", body);
      results = res.results;
      nextCursor = res.next_cursor;
    }
    const items = results.map(toHit).filter((h): h is Hit => h !== undefined);
    return listOutput(items, {
      line: renderHit,
      empty: `Nothing found for "${sanitizeLine(args.query, 80)}".`,
      ...(mode === "keyword"
        ? { noun: "results", nextCursor }
        : { footer: (shown: number) => `${shown} result(s), best first.` }),
      extra: { mode },
    });
  },
});

type Loose = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);

/** The object inside a result sits under the key named by its type (`work`, `article`, `org`...). */
function toHit(r: Schemas["search-result"]): Hit | undefined {
  const x = r as unknown as Loose;
  const obj = x[r.type] as Loose | undefined;
  if (!obj || typeof obj.id !== "string") return undefined;
  const stage = obj.stage as { name?: string } | undefined;
  const title =
    str(obj.title) ??
    str(obj.name) ??
    str(obj.full_name) ??
    str(obj.display_name) ??
    str(obj.question) ??
    str(obj.email) ??
    obj.id;
  const displayId = str(obj.display_id);
  const clean = sanitizeLine(title, 160);
  return strip({
    type: str(obj.type) ?? r.type,
    id: obj.id,
    display_id: displayId,
    title: clean,
    stage: str(stage?.name),
    snippet: snippetOf(str(x.snippet), [displayId, clean]),
    modified_date: str(x.modified_date),
  });
}

/** The matched text, without the id and title the line already shows. */
function snippetOf(snippet: string | undefined, shown: Array<string | undefined>): string | undefined {
  let s = sanitizeLine(snippet, 400);
  for (const prefix of shown) if (prefix && s.startsWith(prefix)) s = s.slice(prefix.length).trimStart();
  s = fromWordStart(s);
  return s ? sanitizeLine(s, 160) : undefined;
}

/**
 * DevRev cuts snippets at a character offset, so one can start inside a word ("yment failed"). A
 * snippet that starts with a lower-case letter or a digit and has a short first word starts with
 * that word's tail: it is dropped and an ellipsis says text came before.
 */
function fromWordStart(s: string): string {
  if (!/^[\p{Ll}\p{N}]/u.test(s)) return s;
  const space = s.search(/\s/);
  if (space < 0 || space > 20) return s;
  const rest = s.slice(space).trimStart();
  return rest ? `…${rest}` : s;
}

function renderHit(h: Hit): string {
  const rest = fields([
    ["stage", h.stage],
    ["updated", day(h.modified_date)],
  ]);
  const snippet = h.snippet ? ` “${h.snippet}”` : "";
  return `${h.display_id ?? h.id} [${h.type}] ${h.title}${rest ? ` — ${rest}` : ""}${snippet}`;
}
