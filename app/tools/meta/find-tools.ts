import { z } from "zod";
import { type CatalogAccess, defineTool, type ToolDefinition } from "../../mcp/tool.js";
import { ToolInputError } from "../../mcp/tool-errors.js";

// The long tail without listing it: a search over the whole catalogue (names, titles, descriptions,
// toolsets) that says, for this connection, which matches are listed, which are permitted but not
// listed (with their full description and input schema, to run through devrev_call_tool) and why
// the rest may not be called. It reads the registry through the context, so it calls no DevRev
// operation and imports no catalogue.

const NAME = "devrev_find_tools";
const CALL_TOOL = "devrev_call_tool";
const MAX_SCHEMAS = 10;

const input = z.object({
  query: z.string().trim().min(1).max(200).optional(),
  toolset: z
    .string()
    .trim()
    .min(1)
    .refine((v) => v.length <= 40, "at most 40 characters")
    .optional(),
  limit: z.number().optional(),
});

const toolHitSchema = z.object({
  name: z.string(),
  toolset: z.string(),
  description: z.string(),
  read_only: z.boolean(),
  destructive: z.boolean(),
  beta: z.boolean(),
  /** In this connection's tools/list. */
  listed: z.boolean(),
  /** May be called here: listed, or through devrev_call_tool. */
  callable: z.boolean(),
  unavailable_because: z.string().optional(),
  /** For a callable tool that is not listed: what its listing would show, to call it. */
  input_schema: z.record(z.string(), z.unknown()).optional(),
});
type ToolHit = z.infer<typeof toolHitSchema>;

const output = z.object({
  items: z.array(toolHitSchema),
  count: z.number().int(),
  toolsets: z.array(z.object({ name: z.string(), description: z.string(), tools: z.number() })),
});

export const findTools = defineTool({
  name: NAME,
  title: "Find tools",
  toolset: "meta",
  inDefault: true,
  description:
    "Find tools by intent in every toolset, including ones not listed here (links, incidents, SLAs...): the input " +
    "schema of each you may call through devrev_call_tool, and how the rest are enabled.",
  input,
  output,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  operations: [],
  async handler(args, ctx) {
    const catalog = ctx.catalog;
    if (!catalog) throw new Error("devrev_find_tools needs the catalogue in its context");
    const toolset = args.toolset?.toLowerCase();
    if (toolset && !Object.hasOwn(catalog.toolsets, toolset)) {
      throw new ToolInputError(
        `"${args.toolset}" is not a toolset. Toolsets: ${Object.keys(catalog.toolsets).join(", ")}.`,
      );
    }
    if (!args.query && !toolset) throw new ToolInputError("Give a query, a toolset, or both.");
    const limit = Math.min(50, Math.max(1, Math.trunc(args.limit ?? 10)));
    const all = catalog.tools();
    const terms = termsOf(args.query ?? "");
    const exact = args.query?.toLowerCase();
    const ranked = all
      .filter((t) => t.name !== NAME && !t.forwards && (!toolset || t.toolset === toolset))
      // A query that is a tool's exact name (as the hint for a schema says) puts that tool first.
      .map((t) => ({ tool: t, score: score(t, terms) + (t.name === exact ? 1_000 : 0) }))
      // With a toolset and no usable words, the whole toolset is the answer.
      .filter((r) => r.score > 0 || (toolset !== undefined && terms.length === 0))
      .sort((a, b) => b.score - a.score || a.tool.name.localeCompare(b.tool.name));
    // Schemas for the first few callable unlisted hits only, so a wide search stays under the
    // result cap; a later one is a search by its name away.
    let schemas = 0;
    const hits = ranked.slice(0, limit).map((r) => {
      const hit = toHit(r.tool, catalog, schemas < MAX_SCHEMAS);
      if (hit.input_schema) schemas++;
      return hit;
    });
    const matchedSets = [...new Set(hits.map((h) => h.toolset))];
    const toolsets = matchedSets.map((name) => ({
      name,
      description: catalog.toolsets[name] ?? "",
      tools: all.filter((t) => t.toolset === name).length,
    }));
    return {
      text: render(hits, ranked.length, toolsets, args.query ?? toolset ?? ""),
      structured: { items: hits, count: hits.length, toolsets },
    };
  },
});

function termsOf(query: string): string[] {
  const words = query
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !STOP.has(w));
  return [...new Set(words.map(stem))];
}

const STOP = new Set([
  "a",
  "an",
  "the",
  "to",
  "of",
  "for",
  "in",
  "on",
  "and",
  "or",
  "my",
  "me",
  "devrev",
  "tool",
]);

/** Singular, so "articles" finds devrev_articles_list and "incident" finds the incidents toolset. */
function stem(word: string): string {
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith("ses") || word.endsWith("xes")) return word.slice(0, -2);
  if (word.endsWith("s") && !word.endsWith("ss") && word.length > 3) return word.slice(0, -1);
  return word;
}

function score(tool: ToolDefinition, terms: readonly string[]): number {
  const name = tool.name.toLowerCase().replace(/_/g, " ");
  const title = tool.title.toLowerCase();
  const set = tool.toolset.toLowerCase();
  const description = tool.description.toLowerCase();
  let total = 0;
  let matched = 0;
  for (const term of terms) {
    let s = 0;
    if (name.includes(term)) s += 4;
    if (set.includes(term)) s += 3;
    if (title.includes(term)) s += 2;
    if (description.includes(term)) s += 1;
    if (s > 0) matched++;
    total += s;
  }
  // Tools matching more of the words come first; half the words at least, or it is noise.
  if (terms.length > 1 && matched * 2 < terms.length) return 0;
  return total + matched * 5;
}

function toHit(tool: ToolDefinition, catalog: CatalogAccess, withSchema: boolean): ToolHit {
  const reason = catalog.refusedReason(tool);
  const listed = reason === undefined && catalog.isListed(tool);
  // A listed tool's schema is already in the client's context; an unlisted one's is needed to call it.
  const schema = withSchema && reason === undefined && !listed ? catalog.inputSchema(tool.name) : undefined;
  return {
    name: tool.name,
    toolset: tool.toolset,
    description: schema ? tool.description : firstSentence(tool.description),
    read_only: tool.annotations.readOnlyHint,
    destructive: tool.annotations.destructiveHint,
    beta: tool.beta === true,
    listed,
    callable: reason === undefined,
    ...(reason ? { unavailable_because: reason } : {}),
    ...(schema ? { input_schema: schema } : {}),
  };
}

function firstSentence(text: string): string {
  // A full stop then a capital ends a sentence; "e.g. foo" does not.
  const end = text.search(/\.(\s+[A-Z(]|$)/);
  const s = end > 0 ? text.slice(0, end + 1) : text;
  return s.length > 160 ? `${s.slice(0, 157)}...` : s;
}

function render(
  hits: readonly ToolHit[],
  total: number,
  toolsets: ReadonlyArray<{ name: string; description: string; tools: number }>,
  query: string,
): string {
  if (!hits.length) {
    return `No tool matches "${query}". Try other words, or a toolset name (devrev_find_tools with toolset="...").`;
  }
  const lines = hits.map((h) => {
    const kind = h.destructive ? "destructive" : h.read_only ? "read-only" : "writes";
    const flags = [kind, h.beta ? "beta" : undefined].filter(Boolean).join(", ");
    const state = h.listed
      ? "listed"
      : h.callable
        ? `not listed; call it with ${CALL_TOOL} {"name": "${h.name}", "arguments": {...}}${h.input_schema ? "" : `; search "${h.name}" for its input`}`
        : `NOT callable: ${h.unavailable_because}`;
    const line = `${h.name} (${h.toolset}; ${flags}) — ${h.description} [${state}]`;
    return h.input_schema ? `${line}\n  input: ${JSON.stringify(h.input_schema)}` : line;
  });
  if (total > hits.length) lines.push(`${total - hits.length} more match; raise limit or add words.`);
  const refusedSets = (pattern: RegExp) => [
    ...new Set(hits.filter((h) => pattern.test(h.unavailable_because ?? "")).map((h) => h.toolset)),
  ];
  const serverSets = refusedSets(/not permitted on this server/);
  if (serverSets.length) {
    const sets = serverSets.join(",");
    lines.push(
      "",
      `To call toolset(s) ${sets}: the server operator adds them to MCP_PERMITTED_TOOLSETS (a client cannot).`,
    );
  }
  const requestSets = refusedSets(/this request selected other toolsets/);
  if (requestSets.length) {
    const sets = requestSets.join(",");
    lines.push(
      "",
      `To call toolset(s) ${sets}: this client adds them to its X-MCP-Toolsets header or its /mcp/x/<toolsets> ` +
        `URL (e.g. X-MCP-Toolsets: default,${sets}); these select within what the server permits.`,
    );
  }
  if (toolsets.length) {
    lines.push("", "Toolsets:", ...toolsets.map((t) => `- ${t.name} (${t.tools} tool(s)): ${t.description}`));
  }
  return lines.join("\n");
}
