// Validates request and response bodies against DevRev's beta OpenAPI spec (a superset of the public
// one). The spec is data that is never committed: it is located through scripts/devrev-spec-source.mjs,
// normalised once into .cache/devrev-openapi/beta.normalized.json and compiled lazily per operation.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { ErrorObject, ValidateFunction } from "ajv";
import { Ajv2019 } from "ajv/dist/2019.js";
import formatsModule from "ajv-formats";
import YAML from "yaml";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Schema = { [k: string]: Json };

interface OperationInfo {
  request: string | null;
  /** Declared status codes; the value is the schema name, or null when no body is declared. */
  responses: Record<string, string | null>;
}

interface NormalizedSpec {
  source: { path: string; mtimeMs: number; size: number; normalizer: number };
  operations: Record<string, OperationInfo>;
  schemas: Record<string, Schema>;
  strict: Record<string, Schema>;
}

interface SpecSource {
  specPath(flavour: "public" | "beta"): Promise<string>;
}

/** Bump when the normalisation changes so stale caches are rebuilt. */
const NORMALIZER_VERSION = 5;
const DOC_ID = "https://devrev.sandbox/beta.json";
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const cacheFile = join(repoRoot, ".cache", "devrev-openapi", "beta.normalized.json");

async function specSource(): Promise<SpecSource> {
  return import("../../scripts/devrev-spec-source.mjs");
}

const isObject = (v: unknown): v is Schema => typeof v === "object" && v !== null && !Array.isArray(v);
const refName = (ref: string): string => ref.slice(ref.lastIndexOf("/") + 1);

// ---------------------------------------------------------------------------------------------------
// Schema-aware walking: keys under `properties` are field names, not keywords, so a generic deep map
// would strip a field called `description`.

const SCHEMA_ARRAYS = ["allOf", "anyOf", "oneOf"] as const;
const SCHEMA_SINGLES = ["items", "additionalProperties", "not", "if", "then", "else"];
const COMPOSITION_SINGLES = ["not", "if", "then", "else"];
const DROPPED = new Set(["description", "example", "examples", "title", "deprecated", "discriminator"]);

/** Drops documentation (descriptions, examples, x-*) so the cache stays small and compiles stay fast. */
function stripDocs(s: Json): Json {
  if (!isObject(s)) return s;
  const out: Schema = {};
  for (const [k, v] of Object.entries(s)) {
    if (DROPPED.has(k) || k.startsWith("x-")) continue;
    if (k === "properties" && isObject(v)) {
      out[k] = Object.fromEntries(Object.entries(v).map(([name, sub]) => [name, stripDocs(sub)]));
    } else if (SCHEMA_SINGLES.includes(k) && isObject(v)) {
      out[k] = stripDocs(v);
    } else if ((SCHEMA_ARRAYS as readonly string[]).includes(k) && Array.isArray(v)) {
      out[k] = v.map(stripDocs);
    } else {
      out[k] = v;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Normalisation. DevRev writes discriminated unions as `oneOf` with all-optional branches, which plain
// JSON Schema reads as "matches several branches". Each union becomes `if <disc> is k then <branch>`
// rules: semantically the README's anyOf-with-pinned-branches, but a failure reports only the errors
// of the branch the body chose instead of every branch's.

function isEmptyVariant(s: Schema | undefined): boolean {
  if (!s) return false;
  return s.additionalProperties === false && !s.properties && !s.allOf && !s.anyOf && !s.oneOf;
}

function ifThen(condition: Json, then: Json): Schema {
  return { if: condition, then };
}

function normalizeUnions(original: Record<string, Json>): void {
  const branchSchema = (branch: Json): Json => {
    if (!isObject(branch) || typeof branch.$ref !== "string") return branch;
    // DevRev marks a variant that adds no fields with additionalProperties:false; evaluated against the
    // whole body that would reject the shared fields, so such a variant contributes nothing.
    const target = original[refName(branch.$ref)];
    return isObject(target) && isEmptyVariant(target) && refName(branch.$ref) !== "empty" ? {} : branch;
  };
  const visit = (node: Json): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    if (!isObject(node)) return;
    const disc = node.discriminator;
    if (isObject(disc) && typeof disc.propertyName === "string" && Array.isArray(node.oneOf)) {
      const prop = disc.propertyName;
      const mapping = isObject(disc.mapping) ? disc.mapping : {};
      const rules: Json[] = node.oneOf.map((branch) => {
        const ref = isObject(branch) && typeof branch.$ref === "string" ? branch.$ref : "";
        const keys = Object.entries(mapping)
          .filter(([, r]) => r === ref)
          .map(([k]) => k);
        const values = keys.length ? keys : [refName(ref)];
        return ifThen({ properties: { [prop]: { enum: values } }, required: [prop] }, branchSchema(branch));
      });
      // Without a discriminator value any branch may match, as with the original oneOf minus "exactly".
      rules.push(ifThen({ not: { required: [prop] } }, { anyOf: node.oneOf.map(branchSchema) }));
      node.allOf = [...(Array.isArray(node.allOf) ? node.allOf : []), ...rules];
      delete node.oneOf;
    }
    for (const v of Object.values(node)) visit(v);
  };
  for (const s of Object.values(original)) visit(s);
}

// ---------------------------------------------------------------------------------------------------
// Strict request variant. Only a handful of DevRev request schemas forbid unknown fields, so a typo
// passes plain validation. `unevaluatedProperties: false` placed where a schema is *used* as a value
// (body root, property values, array items) sees through allOf/anyOf composition, unlike
// additionalProperties, which would reject fields that a sibling branch declares.

type Shape = "closable" | "open" | "none";

function shapeOf(s: Json, schemas: Record<string, Schema>, seen = new Set<string>()): Shape {
  if (!isObject(s)) return "none";
  if (typeof s.$ref === "string") {
    const name = refName(s.$ref);
    if (seen.has(name)) return "none";
    seen.add(name);
    return shapeOf(schemas[name] ?? null, schemas, seen);
  }
  // false: already closed on its own; anything else declares a map of arbitrary keys.
  if (s.additionalProperties === false) return "none";
  if (s.additionalProperties !== undefined) return "open";
  let shape: Shape = isObject(s.properties) ? "closable" : "none";
  for (const m of compositionMembers(s)) {
    const inner = shapeOf(m, schemas, new Set(seen));
    if (inner === "open") return "open";
    if (inner === "closable") shape = "closable";
  }
  return shape;
}

function compositionMembers(s: Schema): Json[] {
  const members: Json[] = [];
  for (const key of SCHEMA_ARRAYS) {
    const v = s[key];
    if (Array.isArray(v)) members.push(...v);
  }
  for (const key of ["then", "else"]) if (isObject(s[key])) members.push(s[key]);
  return members;
}

function strictVariant(schema: Schema, schemas: Record<string, Schema>): Schema {
  const rewrite = (node: Json, asValue: boolean): Json => {
    if (!isObject(node)) return node;
    const out: Schema = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string") out[k] = `#/strict/${refName(v)}`;
      else if (k === "properties" && isObject(v)) {
        out[k] = Object.fromEntries(Object.entries(v).map(([n, sub]) => [n, rewrite(sub, true)]));
      } else if ((k === "items" || k === "additionalProperties") && isObject(v)) out[k] = rewrite(v, true);
      else if ((SCHEMA_ARRAYS as readonly string[]).includes(k) && Array.isArray(v)) {
        // Composition members are evaluated together with their siblings: never closed on their own.
        out[k] = v.map((m) => rewrite(m, false));
      } else if (COMPOSITION_SINGLES.includes(k) && isObject(v)) out[k] = rewrite(v, false);
      else out[k] = v;
    }
    // Judged on the original node, whose refs still point at the plain schemas.
    const closable = asValue && shapeOf(node, schemas) === "closable";
    return closable ? { ...out, unevaluatedProperties: false } : out;
  };
  return rewrite(schema, false) as Schema;
}

// ---------------------------------------------------------------------------------------------------
// Building and caching

function buildNormalized(specText: string, source: NormalizedSpec["source"]): NormalizedSpec {
  const doc = YAML.parse(specText) as { paths: Record<string, Json>; components: { schemas: Schema } };
  const raw = doc.components.schemas as Record<string, Json>;
  normalizeUnions(raw);
  const schemas: Record<string, Schema> = {};
  for (const [name, s] of Object.entries(raw)) schemas[name] = stripDocs(s) as Schema;

  const operations: Record<string, OperationInfo> = {};
  const requestRoots = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths)) {
    const post = isObject(item) && isObject(item.post) ? item.post : null;
    if (!post) continue;
    const op = path.replace(/^\//, "");
    const reqRef = schemaRefOf(post.requestBody);
    if (reqRef) requestRoots.add(reqRef);
    const responses: Record<string, string | null> = {};
    for (const [status, r] of Object.entries(isObject(post.responses) ? post.responses : {})) {
      responses[status] = responseSchemaOf(r, doc as unknown as Schema);
    }
    operations[op] = { request: reqRef, responses };
  }

  const strict: Record<string, Schema> = {};
  const pending = [...requestRoots];
  while (pending.length) {
    const name = pending.pop() as string;
    if (strict[name] || !schemas[name]) continue;
    strict[name] = strictVariant(schemas[name], schemas);
    collectRefs(schemas[name], (n) => {
      if (!strict[n]) pending.push(n);
    });
  }
  return { source, operations, schemas, strict };
}

function schemaRefOf(body: Json | undefined): string | null {
  if (!isObject(body) || !isObject(body.content)) return null;
  const media = body.content["application/json"];
  if (!isObject(media) || !isObject(media.schema) || typeof media.schema.$ref !== "string") return null;
  return refName(media.schema.$ref);
}

function responseSchemaOf(r: Json, doc: Schema): string | null {
  if (isObject(r) && typeof r.$ref === "string") {
    const shared = ((doc.components as Schema).responses as Schema)[refName(r.$ref)];
    return schemaRefOf(shared);
  }
  return schemaRefOf(r);
}

function collectRefs(node: Json, found: (name: string) => void): void {
  if (Array.isArray(node)) {
    for (const n of node) collectRefs(n, found);
    return;
  }
  if (!isObject(node)) return;
  if (typeof node.$ref === "string") found(refName(node.$ref));
  for (const v of Object.values(node)) collectRefs(v, found);
}

function fresh(cached: NormalizedSpec, specFile: string): boolean {
  try {
    const st = statSync(specFile);
    return (
      cached.source.path === specFile &&
      cached.source.mtimeMs === st.mtimeMs &&
      cached.source.size === st.size &&
      cached.source.normalizer === NORMALIZER_VERSION
    );
  } catch {
    return false;
  }
}

function readCache(): NormalizedSpec | null {
  try {
    return JSON.parse(readFileSync(cacheFile, "utf8")) as NormalizedSpec;
  } catch {
    return null;
  }
}

let ensured: Promise<string> | null = null;

/**
 * Makes sure the normalised beta spec is cached and returns the cache path. Run once per test run
 * from the vitest globalSetup so workers only read JSON.
 */
export function ensureNormalizedSpec(): Promise<string> {
  // Once per process: validated sandboxes start often and the answer cannot change meanwhile.
  ensured ??= buildCacheIfStale().catch((err: unknown) => {
    ensured = null;
    throw err;
  });
  return ensured;
}

async function buildCacheIfStale(): Promise<string> {
  const { specPath } = await specSource();
  const specFile = await specPath("beta");
  const cached = readCache();
  if (cached && fresh(cached, specFile)) return cacheFile;
  const st = statSync(specFile);
  const built = buildNormalized(readFileSync(specFile, "utf8"), {
    path: specFile,
    mtimeMs: st.mtimeMs,
    size: st.size,
    normalizer: NORMALIZER_VERSION,
  });
  mkdirSync(dirname(cacheFile), { recursive: true });
  // Write-then-rename so a concurrent reader never sees half a file.
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(built));
  renameSync(tmp, cacheFile);
  loaded = null;
  return cacheFile;
}

// ---------------------------------------------------------------------------------------------------
// Validation

interface Loaded {
  spec: NormalizedSpec;
  ajv: Ajv2019;
  compiled: Map<string, ValidateFunction>;
}

let loaded: Loaded | null = null;

function load(): Loaded {
  if (loaded) return loaded;
  const spec = readCache();
  if (!spec || spec.source.normalizer !== NORMALIZER_VERSION) {
    throw new Error(
      "DevRev spec cache missing: await ensureNormalizedSpec() first (vitest globalSetup does)",
    );
  }
  const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: true });
  // ajv-formats is CommonJS: its plugin is the module's `default` under every interop flavour.
  formatsModule.default(ajv);
  for (const f of ["id", "text", "sort-by", "tag-filter", "sse"]) ajv.addFormat(f, true);
  ajv.addSchema({ $id: DOC_ID, components: { schemas: spec.schemas }, strict: spec.strict });
  loaded = { spec, ajv, compiled: new Map() };
  return loaded;
}

function validator(key: string, schema: Schema): ValidateFunction {
  const l = load();
  const known = l.compiled.get(key);
  if (known) return known;
  const v = l.ajv.compile(schema);
  l.compiled.set(key, v);
  return v;
}

function describe(prefix: string, errors: ErrorObject[] | null | undefined): string[] {
  const all = (errors ?? []).filter((e) => e.keyword !== "if");
  // ajv drops the annotations of a subschema that failed, so its parent then reports every field as
  // unevaluated. The deeper error is the real one.
  const deeper = (path: string) => all.some((e) => e.instancePath.startsWith(`${path}/`));
  const out = new Set<string>();
  for (const e of all) {
    const at = e.instancePath || "/";
    const params = e.params as Record<string, unknown>;
    if (e.keyword === "unevaluatedProperties") {
      if (!deeper(e.instancePath))
        out.add(`${prefix}: ${at} has unknown field "${String(params.unevaluatedProperty)}"`);
    } else if (e.keyword === "additionalProperties") {
      out.add(`${prefix}: ${at} has unknown field "${String(params.additionalProperty)}"`);
    } else if (e.keyword === "enum") {
      out.add(`${prefix}: ${at} must be one of ${JSON.stringify(params.allowedValues)}`);
    } else {
      out.add(`${prefix}: ${at} ${e.message ?? e.keyword}`);
    }
  }
  return [...out];
}

/** Known POST operations of the beta spec, e.g. "works.list". */
export function specOperations(): string[] {
  return Object.keys(load().spec.operations);
}

/** Strict: fields the spec does not declare are errors. Empty array = valid. */
export function validateRequest(op: string, body: unknown): string[] {
  const info = load().spec.operations[op];
  if (!info) return [`${op} request: unknown operation`];
  if (!info.request) return [];
  const v = validator(`req:${op}`, {
    $ref: `${DOC_ID}#/strict/${info.request}`,
    unevaluatedProperties: false,
  });
  return v(body) ? [] : describe(`${op} request`, v.errors);
}

/** Validates against the schema declared for exactly this status; an undeclared status is an error. */
export function validateResponse(op: string, status: number, body: unknown): string[] {
  const info = load().spec.operations[op];
  if (!info) return [`${op} response: unknown operation`];
  const key = String(status);
  if (!(key in info.responses)) {
    const declared = Object.keys(info.responses).join(", ");
    return [`${op} response: status ${status} is not declared (declared: ${declared})`];
  }
  const name = info.responses[key];
  if (!name) return [];
  const v = validator(`res:${name}`, { $ref: `${DOC_ID}#/components/schemas/${name}` });
  return v(body) ? [] : describe(`${op} response ${status}`, v.errors);
}

// ---------------------------------------------------------------------------------------------------
// Field lookups: does the spec declare a request field? Used to keep the sandbox's own declarations
// (app/sandbox/fields.ts) inside the spec.

/** The schemas `s` stands for once refs and composition are followed; arrays stand for their items. */
function expand(s: Json, schemas: Record<string, Schema>, depth = 0): Schema[] {
  if (!isObject(s) || depth > 12) return [];
  if (typeof s.$ref === "string") return expand(schemas[refName(s.$ref)] ?? null, schemas, depth + 1);
  const out: Schema[] = [s];
  for (const m of compositionMembers(s)) out.push(...expand(m, schemas, depth + 1));
  if (isObject(s.items)) out.push(...expand(s.items, schemas, depth + 1));
  return out;
}

function declares(s: Json, parts: string[], schemas: Record<string, Schema>): boolean {
  const [name, ...rest] = parts;
  if (name === undefined) return true;
  return expand(s, schemas).some((node) => {
    const props = isObject(node.properties) ? node.properties : {};
    if (Object.hasOwn(props, name)) return declares(props[name] ?? null, rest, schemas);
    // A free-form map (`custom_fields`) takes any key.
    return isObject(node.additionalProperties) || node.additionalProperties === true;
  });
}

/** True when the beta spec's request body of `op` has the dotted field (arrays are transparent). */
export function specDeclaresField(op: string, path: string): boolean {
  const { spec } = load();
  const request = spec.operations[op]?.request;
  if (!request) return false;
  return declares({ $ref: `#/components/schemas/${request}` }, path.split("."), spec.schemas);
}
