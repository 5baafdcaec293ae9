// Every byte of tools/list is paid for in each client's context window. zod's JSON Schema output
// carries noise a model never needs: ±2^53 integer bounds, a 300-character date regex beside
// `format: date-time`, a non-standard `starts_with` format beside its pattern. Drop those; keep
// every constraint that says something.

const SAFE = Number.MAX_SAFE_INTEGER;

type Json = unknown;

export function compactSchema(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(compactSchema);
  if (!schema || typeof schema !== "object") return schema;
  const node = schema as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "minimum" && value === -SAFE) continue;
    if (key === "maximum" && value === SAFE) continue;
    if (key === "format" && value === "starts_with") continue;
    // The server validates every argument anyway; "not empty" is implied for ids and names.
    if (key === "minLength" && value === 1) continue;
    if (key === "pattern" && typeof node.format === "string" && node.format !== "starts_with") continue;
    out[key] =
      key === "properties" && value && typeof value === "object"
        ? mapValues(value as Record<string, unknown>)
        : compactSchema(value);
  }
  return out;
}

function mapValues(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, compactSchema(v)]));
}
