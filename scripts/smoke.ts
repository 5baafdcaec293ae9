// Smoke test of a running server: GET /health, then a real MCP session with the official SDK client
// (initialize, tools/list, one read-only tool call). Run as `scripts/smoke URL` (see --help); the
// deploy workflow runs it against each new revision. Exit codes: 0 passed, 1 a check failed,
// 2 bad usage.

import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import {
  StreamableHTTPClientTransport,
  StreamableHTTPError,
} from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const TOKEN_VARIABLES = ["DEVREV_SMOKE_PAT", "MCP_SMOKE_TOKEN"] as const;
const DEFAULT_TOOL = "devrev_whoami";
const DEFAULT_TIMEOUT_MS = 30_000;
const SERVER_NAME = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { name: string }
).name;

const USAGE = `Usage: scripts/smoke URL [--tool NAME] [--expect-version X.Y.Z] [--timeout-ms N] [--dry-run]

Checks a running DevRev MCP server end to end and exits non-zero with a precise message when a
step fails:
  1. GET URL/health answers 200 with {"status":"ok", "version": ...}
  2. POST URL/mcp: a real MCP initialize with the official SDK client, as ${SERVER_NAME}
  3. tools/list includes the tool, and the tool is read-only
  4. tools/call of the tool (default ${DEFAULT_TOOL}) succeeds

URL is the service URL (the stack's service_url output, e.g. https://SERVICE-NUMBER.REGION.run.app,
or http://127.0.0.1:8080 locally); a trailing /mcp is accepted. The bearer token comes from the
environment, never from arguments: ${TOKEN_VARIABLES.join(" or ")} (a DevRev PAT; in
static-token mode the mcp-auth-token value).

Options:
  --tool NAME           read-only tool to call (default ${DEFAULT_TOOL}); a tool that writes is refused
  --expect-version V    fail unless /health and initialize report version V (the new revision serves)
  --timeout-ms N        per step (default ${DEFAULT_TIMEOUT_MS}; a cold start can take seconds)
  --dry-run             print the plan without sending anything
  -h, --help            this help

Exit codes: 0 all checks passed, 1 a check failed, 2 bad usage.`;

class UsageError extends Error {}
class CheckFailed extends Error {}

interface Options {
  base: URL;
  tool: string;
  expectVersion?: string;
  timeoutMs: number;
  dryRun: boolean;
}

function parseOptions(argv: string[]): Options | "help" {
  let parsed: ReturnType<typeof parse>;
  function parse() {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        tool: { type: "string" },
        "expect-version": { type: "string" },
        "timeout-ms": { type: "string" },
        "dry-run": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  }
  try {
    parsed = parse();
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";
  if (positionals.length !== 1) throw new UsageError("expected exactly one URL");
  let base: URL;
  try {
    base = new URL(positionals[0]!);
  } catch {
    throw new UsageError(`not a URL: ${positionals[0]}`);
  }
  if (base.protocol !== "https:" && base.protocol !== "http:") {
    throw new UsageError(`the URL must be http(s): ${base.href}`);
  }
  base.pathname = base.pathname.replace(/\/+$/, "").replace(/\/mcp$/, "");
  base.search = "";
  base.hash = "";
  const timeoutMs = values["timeout-ms"] === undefined ? DEFAULT_TIMEOUT_MS : Number(values["timeout-ms"]);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100) {
    throw new UsageError(`--timeout-ms must be a whole number of milliseconds, at least 100`);
  }
  const tool = values.tool ?? DEFAULT_TOOL;
  if (!/^[A-Za-z0-9_.-]+$/.test(tool)) throw new UsageError(`not a tool name: ${tool}`);
  return {
    base,
    tool,
    ...(values["expect-version"] !== undefined && { expectVersion: values["expect-version"] }),
    timeoutMs,
    dryRun: values["dry-run"] === true,
  };
}

const endpoint = (base: URL, path: string) => new URL(`${base.pathname.replace(/\/$/, "")}${path}`, base);

function findToken(env: NodeJS.ProcessEnv): { name: string; value: string } | undefined {
  for (const name of TOKEN_VARIABLES) {
    const value = env[name]?.trim();
    if (value) return { name, value };
  }
  return undefined;
}

/** The `message` of a JSON-RPC error body, or the start of whatever the body was. */
function serverMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: string } };
    if (parsed.error?.message) return clause(parsed.error.message);
  } catch {
    // not JSON
  }
  const text = clause(body.replace(/\s+/g, " "));
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** A message to embed in a sentence: no final full stop of its own. */
function clause(message: string): string {
  return message.replace(/[.\s]+$/, "");
}

function networkReason(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === "TimeoutError" || e.name === "AbortError") return "no answer in time";
  const cause = e.cause?.code ?? e.cause?.message;
  return cause ? `${e.message} (${cause})` : (e.message ?? String(err));
}

async function checkHealth(opts: Options, log: (line: string) => void): Promise<string> {
  const url = endpoint(opts.base, "/health");
  const started = Date.now();
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(opts.timeoutMs), redirect: "manual" });
  } catch (err) {
    throw new CheckFailed(
      `GET ${url.href} failed: ${networkReason(err)}. Is the URL right and the service deployed?`,
    );
  }
  const body = await res.text();
  if (res.status !== 200) {
    throw new CheckFailed(`GET ${url.href} answered ${res.status}, expected 200: ${serverMessage(body)}`);
  }
  let health: { status?: unknown; version?: unknown };
  try {
    health = JSON.parse(body) as typeof health;
  } catch {
    throw new CheckFailed(
      `GET ${url.href} answered 200 but not with the server's health JSON: ${serverMessage(body)}. ` +
        "Is this URL the DevRev MCP server (and not, say, the placeholder image)?",
    );
  }
  if (health.status !== "ok") {
    throw new CheckFailed(`GET ${url.href} reports status ${JSON.stringify(health.status)}, expected "ok"`);
  }
  const version = typeof health.version === "string" ? health.version : "unknown";
  if (opts.expectVersion !== undefined && version !== opts.expectVersion) {
    throw new CheckFailed(
      `GET ${url.href} reports version ${version}, expected ${opts.expectVersion}: the new revision is not ` +
        "serving yet (check traffic with gcloud run services describe SERVICE --region REGION)",
    );
  }
  log(`ok    GET /health: 200, version ${version} (${Date.now() - started} ms)`);
  return version;
}

function explainMcpFailure(url: URL, err: unknown, tokenName: string): string {
  const prefix = `POST ${url.href} (initialize)`;
  if (err instanceof StreamableHTTPError) {
    const detail = serverMessage(
      err.message.replace(/^Streamable HTTP error: /, "").replace(/^Error POSTing to endpoint: /, ""),
    );
    switch (err.code) {
      case 401:
        return `${prefix}: 401, the server refused the token in ${tokenName}: ${detail}. Use a valid DevRev PAT (in static-token mode, the mcp-auth-token value).`;
      case 403:
        return `${prefix}: 403 ${detail}. A PAT whose e-mail domain is not allowed, or a host name the server does not accept (use the service_url output, not the *.a.run.app URL).`;
      case 404:
        return `${prefix}: 404, this server answers /health but has no MCP endpoint at /mcp: ${detail}. Is the URL the DevRev MCP server?`;
      case 429:
      case 503:
        return `${prefix}: ${err.code}, the server is busy or cannot reach DevRev: ${detail}. Retry in a minute.`;
      case -1:
        return `${prefix}: the answer was neither JSON nor an event stream: ${detail}`;
      default:
        return `${prefix}: HTTP ${err.code ?? "error"}: ${detail}`;
    }
  }
  const e = err as { name?: string; message?: string };
  if (e.name === "TypeError" || e.name === "TimeoutError" || e.name === "AbortError") {
    return `${prefix} failed: ${networkReason(err)}`;
  }
  return `${prefix} failed: ${e.message ?? String(err)}`;
}

async function withTimeout<T>(what: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckFailed(`${what}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function checkMcp(
  opts: Options,
  token: { name: string; value: string },
  log: (line: string) => void,
): Promise<void> {
  const url = endpoint(opts.base, "/mcp");
  const client = new Client({ name: "devrev-mcp-smoke", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(url, {
    requestInit: { headers: { Authorization: `Bearer ${token.value}` } },
  });
  let started = Date.now();
  try {
    try {
      await withTimeout(`POST ${url.href} (initialize)`, opts.timeoutMs, client.connect(transport));
    } catch (err) {
      if (err instanceof CheckFailed) throw err;
      throw new CheckFailed(explainMcpFailure(url, err, token.name));
    }
    const server = client.getServerVersion();
    if (server?.name !== SERVER_NAME) {
      throw new CheckFailed(
        `POST ${url.href} (initialize): the server is ${JSON.stringify(server?.name)}, not ${SERVER_NAME}`,
      );
    }
    if (opts.expectVersion !== undefined && server.version !== opts.expectVersion) {
      throw new CheckFailed(
        `initialize reports version ${server.version}, expected ${opts.expectVersion}: the new revision is not serving yet`,
      );
    }
    log(`ok    initialize: ${server.name} ${server.version} (${Date.now() - started} ms)`);

    started = Date.now();
    const tools: { name: string; annotations?: { readOnlyHint?: boolean } }[] = [];
    let cursor: string | undefined;
    do {
      const page = await withTimeout(
        "tools/list",
        opts.timeoutMs,
        client.listTools(cursor === undefined ? {} : { cursor }),
      ).catch((err: unknown) => {
        throw err instanceof CheckFailed
          ? err
          : new CheckFailed(`tools/list failed: ${(err as Error).message}`);
      });
      tools.push(...page.tools);
      cursor = page.nextCursor;
    } while (cursor);
    const tool = tools.find((t) => t.name === opts.tool);
    if (!tool) {
      throw new CheckFailed(
        `tools/list returned ${tools.length} tools but not ${opts.tool}; is the toolset off (MCP_TOOLSETS), or the name wrong?`,
      );
    }
    if (tool.annotations?.readOnlyHint !== true) {
      throw new CheckFailed(
        `${opts.tool} is not read-only; the smoke test only calls tools that change nothing`,
      );
    }
    log(`ok    tools/list: ${tools.length} tools, ${opts.tool} among them (${Date.now() - started} ms)`);

    started = Date.now();
    const result = (await withTimeout(
      `tools/call ${opts.tool}`,
      opts.timeoutMs,
      client.callTool({ name: opts.tool, arguments: {} }),
    ).catch((err: unknown) => {
      throw err instanceof CheckFailed
        ? err
        : new CheckFailed(`tools/call ${opts.tool} failed: ${(err as Error).message}`);
    })) as { isError?: boolean; content?: { type: string; text?: string }[] };
    const text = result.content?.find((c) => c.type === "text")?.text ?? "";
    if (result.isError) {
      throw new CheckFailed(`tools/call ${opts.tool} returned an error: ${text.split("\n")[0]}`);
    }
    log(`ok    tools/call ${opts.tool}: ${text.split("\n")[0]} (${Date.now() - started} ms)`);
  } finally {
    await client.close().catch(() => {});
  }
}

function plan(opts: Options, token: { name: string; value: string } | undefined): string[] {
  const health = endpoint(opts.base, "/health").href;
  const mcp = endpoint(opts.base, "/mcp").href;
  const expect = opts.expectVersion === undefined ? "" : `, version ${opts.expectVersion}`;
  return [
    "Dry run: nothing is sent. The smoke test would:",
    `  1. GET ${health}: expect 200 and {"status":"ok"${expect}}`,
    `  2. POST ${mcp}: MCP initialize as devrev-mcp-smoke, expect server ${SERVER_NAME}${expect}`,
    `     Authorization: Bearer <${token ? `${token.name}, ${token.value.length} characters` : `not set: set ${TOKEN_VARIABLES.join(" or ")}`}>`,
    `  3. tools/list: expect ${opts.tool}, read-only`,
    `  4. tools/call ${opts.tool} {}: expect a result without isError`,
    `  Each step times out after ${opts.timeoutMs} ms.`,
  ];
}

async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const err = (line: string) => process.stderr.write(`${line}\n`);
  let opts: Options | "help";
  try {
    opts = parseOptions(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`smoke: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (opts === "help") {
    out(USAGE);
    return 0;
  }
  const token = findToken(env);
  if (opts.dryRun) {
    for (const line of plan(opts, token)) out(line);
    return 0;
  }
  if (!token) {
    err(`smoke: no token: set ${TOKEN_VARIABLES.join(" or ")} to a DevRev PAT the server accepts`);
    return 2;
  }
  try {
    await checkHealth(opts, out);
    await checkMcp(opts, token, out);
  } catch (e) {
    if (!(e instanceof CheckFailed)) throw e;
    err(`FAIL  ${e.message}`);
    return 1;
  }
  out(`smoke: all checks passed against ${opts.base.href}`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
