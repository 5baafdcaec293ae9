// A small evaluator for the part of the Cloud Logging query language that infra/ and
// docs/operations.md use, so tests can run the real filters against the real log lines.
//
// Supported (anything else throws, so a filter cannot drift outside what is tested):
//   comparison  FIELD = "string"          exact equality with the field's value (strings as-is,
//                                         numbers and booleans by their JSON text); false when the
//                                         field is absent
//               severity >= NAME          also >, <=, <, =; only on `severity`, by Cloud Logging's
//                                         order DEFAULT < DEBUG < INFO < NOTICE < WARNING < ERROR ...
//   boolean     NOT, OR, AND (upper case) with Cloud Logging's precedence: NOT, then OR, then AND,
//               so `a AND b OR c` means `a AND (b OR c)`; parentheses group
//   FIELD       dotted path into the LogEntry: resource.type, resource.labels.service_name,
//               jsonPayload.audit.event, severity, logName ...
//   extractors  EXTRACT(FIELD), as in log-based metric label extractors
//
// Not supported: the `:` (has) operator, regular expressions, implicit AND by juxtaposition,
// global (field-less) terms, functions other than EXTRACT, and comparisons on other fields.

export type LogEntry = {
  logName: string;
  resource: { type: string; labels: Record<string, string> };
  severity: string;
  timestamp?: string;
  trace?: string;
  jsonPayload: Record<string, unknown>;
};

export interface Where {
  projectId: string;
  serviceName: string;
  region: string;
}

/**
 * What Cloud Logging stores for one JSON line a Cloud Run container wrote to stderr. Per the
 * documented special JSON fields of structured logging, `severity` becomes LogEntry.severity,
 * `time` the timestamp and `logging.googleapis.com/trace` (and spanId, labels ...) their LogEntry
 * fields; every other key, `message` included, stays in jsonPayload.
 */
export function toLogEntry(line: string, where: Where): LogEntry {
  const parsed = JSON.parse(line) as Record<string, unknown>;
  const {
    severity,
    time,
    timestamp,
    "logging.googleapis.com/trace": trace,
    "logging.googleapis.com/spanId": _spanId,
    "logging.googleapis.com/trace_sampled": _sampled,
    "logging.googleapis.com/labels": _labels,
    "logging.googleapis.com/insertId": _insertId,
    "logging.googleapis.com/sourceLocation": _source,
    "logging.googleapis.com/operation": _operation,
    httpRequest: _httpRequest,
    ...jsonPayload
  } = parsed;
  return {
    logName: `projects/${where.projectId}/logs/run.googleapis.com%2Fstderr`,
    resource: {
      type: "cloud_run_revision",
      labels: {
        project_id: where.projectId,
        service_name: where.serviceName,
        revision_name: `${where.serviceName}-00001-abc`,
        configuration_name: where.serviceName,
        location: where.region,
      },
    },
    severity: typeof severity === "string" ? severity : "DEFAULT",
    ...(typeof (time ?? timestamp) === "string" && { timestamp: String(time ?? timestamp) }),
    ...(typeof trace === "string" && { trace }),
    jsonPayload,
  };
}

const SEVERITIES = [
  "DEFAULT",
  "DEBUG",
  "INFO",
  "NOTICE",
  "WARNING",
  "ERROR",
  "CRITICAL",
  "ALERT",
  "EMERGENCY",
];

type Token =
  | { kind: "word"; text: string }
  | { kind: "string"; text: string }
  | { kind: "op"; text: string }
  | { kind: "paren"; text: "(" | ")" };

type Node =
  | { kind: "and" | "or"; parts: Node[] }
  | { kind: "not"; part: Node }
  | { kind: "cmp"; field: string; op: string; value: string };

export class FilterSyntaxError extends Error {
  override readonly name = "FilterSyntaxError";
}

function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < filter.length) {
    const c = filter[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "(" || c === ")") {
      tokens.push({ kind: "paren", text: c });
      i++;
    } else if (c === '"') {
      let text = "";
      i++;
      while (i < filter.length && filter[i] !== '"') {
        if (filter[i] === "\\") i++;
        text += filter[i] ?? "";
        i++;
      }
      if (filter[i] !== '"') throw new FilterSyntaxError(`unterminated string in: ${filter}`);
      i++;
      tokens.push({ kind: "string", text });
    } else if (/[=!<>:~]/.test(c)) {
      const op = /^(>=|<=|!=|=~|!~|=|<|>|:)/.exec(filter.slice(i))?.[0];
      if (!op) throw new FilterSyntaxError(`bad operator at ${i} in: ${filter}`);
      tokens.push({ kind: "op", text: op });
      i += op.length;
    } else if (/[A-Za-z_]/.test(c)) {
      const word = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(filter.slice(i))![0];
      tokens.push({ kind: "word", text: word });
      i += word.length;
    } else {
      throw new FilterSyntaxError(`unexpected ${JSON.stringify(c)} at ${i} in: ${filter}`);
    }
  }
  return tokens;
}

const KEYWORDS = new Set(["AND", "OR", "NOT"]);

/** Parses a filter of the supported subset; throws FilterSyntaxError on anything else. */
export function parseFilter(filter: string): Node {
  const tokens = tokenize(filter);
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (text: string) => peek()?.kind === "word" && peek()?.text === text;
  const fail = (what: string): never => {
    throw new FilterSyntaxError(`${what} at token ${pos} (${JSON.stringify(peek()?.text)}) in: ${filter}`);
  };

  const conjunction = (): Node => {
    const parts = [disjunction()];
    while (isWord("AND")) {
      pos++;
      parts.push(disjunction());
    }
    return parts.length === 1 ? parts[0]! : { kind: "and", parts };
  };
  const disjunction = (): Node => {
    const parts = [negation()];
    while (isWord("OR")) {
      pos++;
      parts.push(negation());
    }
    return parts.length === 1 ? parts[0]! : { kind: "or", parts };
  };
  const negation = (): Node => {
    if (isWord("NOT")) {
      pos++;
      return { kind: "not", part: negation() };
    }
    return primary();
  };
  const primary = (): Node => {
    const token = peek();
    if (token?.kind === "paren" && token.text === "(") {
      pos++;
      const inner = conjunction();
      if (peek()?.kind !== "paren" || peek()?.text !== ")") fail("expected )");
      pos++;
      return inner;
    }
    if (token?.kind !== "word" || KEYWORDS.has(token.text)) return fail("expected a field");
    pos++;
    const op = peek();
    if (op?.kind !== "op") return fail("expected a comparison (implicit AND is not supported)");
    pos++;
    const value = peek();
    if (value?.kind !== "string" && value?.kind !== "word") return fail("expected a value");
    pos++;
    const field = token.text;
    if (field === "severity") {
      if (!["=", ">=", ">", "<=", "<"].includes(op.text)) fail(`unsupported operator ${op.text}`);
      if (!SEVERITIES.includes(value.text)) fail(`unknown severity ${value.text}`);
    } else {
      if (op.text !== "=") fail(`unsupported operator ${op.text} (only = outside severity)`);
      if (value.kind !== "string") fail("values must be quoted");
    }
    return { kind: "cmp", field, op: op.text, value: value.text };
  };

  const node = conjunction();
  if (pos !== tokens.length) fail("unexpected trailing input");
  return node;
}

/** The value at a dotted path, or undefined. */
export function fieldValue(entry: LogEntry, path: string): unknown {
  let current: unknown = entry;
  for (const segment of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function asText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return JSON.stringify(value);
  return undefined;
}

function evaluate(node: Node, entry: LogEntry): boolean {
  switch (node.kind) {
    case "and":
      return node.parts.every((p) => evaluate(p, entry));
    case "or":
      return node.parts.some((p) => evaluate(p, entry));
    case "not":
      return !evaluate(node.part, entry);
    case "cmp": {
      const actual = asText(fieldValue(entry, node.field));
      if (actual === undefined) return false;
      if (node.field !== "severity") return actual === node.value;
      const diff = SEVERITIES.indexOf(actual) - SEVERITIES.indexOf(node.value);
      return (
        { "=": diff === 0, ">=": diff >= 0, ">": diff > 0, "<=": diff <= 0, "<": diff < 0 }[node.op] ?? false
      );
    }
  }
}

export function matches(filter: string, entry: LogEntry): boolean {
  return evaluate(parseFilter(filter), entry);
}

/** A label extractor `EXTRACT(field)` applied to an entry. */
export function extract(extractor: string, entry: LogEntry): string | undefined {
  const field = /^EXTRACT\(([A-Za-z_][A-Za-z0-9_.]*)\)$/.exec(extractor)?.[1];
  if (!field) throw new FilterSyntaxError(`unsupported extractor: ${extractor}`);
  return asText(fieldValue(entry, field));
}
