// Every array a tool takes has a maximum, checked here for all tools at once before the tool's own
// schema runs, and advertised as JSON Schema `maxItems` in tools/list. Values of an array are a set
// to every tool (ids, names, states, sort keys), so repeats are dropped first: 20,000 × "PROD-1" is
// one part, while 20,000 distinct ids are refused before any DevRev call (issue 10, item 2).

/** The most values one array argument may hold after de-duplication; a tool's own schema may say less. */
export const MAX_ARRAY_ITEMS = 50;

/** Nesting deeper than any tool's input is not walked further; such input fails the tool's schema anyway. */
const MAX_DEPTH = 8;

export type BoundedArgs = { ok: true; args: Record<string, unknown> } | { ok: false; problem: string };

/**
 * The arguments with every array of plain values de-duplicated (first occurrence kept), or the
 * first array that is still longer than `max`, named by its path.
 */
export function boundArgs(args: Record<string, unknown>, max = MAX_ARRAY_ITEMS): BoundedArgs {
  const problems: string[] = [];
  const out = walk(args, [], max, problems, 0) as Record<string, unknown>;
  const [problem] = problems;
  return problem === undefined ? { ok: true, args: out } : { ok: false, problem };
}

function walk(value: unknown, path: string[], max: number, problems: string[], depth: number): unknown {
  if (problems.length > 0 || depth > MAX_DEPTH || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const items = value.every(isPlain) ? [...new Set(value)] : value;
    if (items.length > max) {
      const repeats = items.length < value.length ? ` (${items.length} distinct)` : "";
      problems.push(
        `${path.join(".") || "(arguments)"}: ${value.length} values${repeats}; at most ${max} in one call. ` +
          "Give fewer, or narrow with other filters and page through the results.",
      );
      return value;
    }
    return items.map((item, i) => walk(item, [...path, String(i)], max, problems, depth + 1));
  }
  const entries = Object.entries(value).map(([k, v]) => [k, walk(v, [...path, k], max, problems, depth + 1)]);
  return Object.fromEntries(entries);
}

function isPlain(v: unknown): v is string | number | boolean {
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean";
}

/**
 * A tool's input JSON Schema with `maxItems` on every array: the tool's own maximum when it has a
 * smaller one, else MAX_ARRAY_ITEMS. An array of enum values says nothing more: de-duplicated, it
 * cannot outgrow its enum, and the bytes stay out of every client's context. Applied once per tool
 * when the registry builds its listing.
 */
export function withArrayMaxima<S>(schema: S, max = MAX_ARRAY_ITEMS): S {
  if (Array.isArray(schema)) return schema.map((s) => withArrayMaxima(s, max)) as S;
  if (schema === null || typeof schema !== "object") return schema;
  const node = Object.fromEntries(
    Object.entries(schema).map(([k, v]) => [k, withArrayMaxima(v, max)]),
  ) as Record<string, unknown>;
  const type = node.type;
  if (
    (type === "array" || (Array.isArray(type) && type.includes("array"))) &&
    !boundedByEnum(node.items, max)
  ) {
    const own = typeof node.maxItems === "number" ? node.maxItems : Number.POSITIVE_INFINITY;
    node.maxItems = Math.min(own, max);
  }
  return node as S;
}

function boundedByEnum(items: unknown, max: number): boolean {
  const values = (items as { enum?: unknown } | undefined)?.enum;
  return Array.isArray(values) && values.length <= max;
}
