import { readFileSync } from "node:fs";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOG_METRICS } from "../../infra/names.js";
import { connectClient, startTestServer, type TestServer } from "../support/mcp-server.js";
import { INIT, post } from "../support/rpc.js";
import { extract, type LogEntry, matches, parseFilter, toLogEntry } from "./helpers/log-filter.js";
import { type Synthesized, synthStack, type TfBlock } from "./helpers/synth.js";

// The monitoring contract, proven end to end: the server writes real audit lines (an auth failure,
// tool calls that succeed, fail and delete), they become the LogEntries Cloud Logging would store,
// and every filter the stack and docs/operations.md ship is evaluated against them. A renamed
// field in app/log/audit.ts or app/log/logger.ts makes a metric count nothing, and fails here.

const SERVICE = "devrev-mcp-production";
const where = { projectId: "acme-mcp-prod", serviceName: SERVICE, region: "us-central1" };

let stack: Synthesized;
let server: TestServer;
let client: Client;
let entries: LogEntry[];
let readTool: string;
let destructiveTool: string;

interface ListedTool {
  name: string;
  annotations?: { readOnlyHint?: boolean; destructiveHint?: boolean };
  inputSchema: { required?: string[] };
}

beforeAll(async () => {
  stack = synthStack({
    DEPLOY_MONITORING: "true",
    DEPLOY_ALERT_EMAIL: "oncall@acme.com",
    DEPLOY_AUDIT_BUCKET_RETENTION_DAYS: "400",
  });
  server = await startTestServer({ MCP_TOOLSETS: "all", MCP_ENABLE_DESTRUCTIVE_TOOLS: "true" });

  // Two refused tokens: none at all, and one DevRev does not know.
  expect((await post(server.origin, "/mcp", INIT, {})).status).toBe(401);
  expect((await post(server.origin, "/mcp", INIT, { Authorization: "Bearer not-a-real-pat" })).status).toBe(
    401,
  );

  client = await connectClient(server.url, "sandbox-alice");
  const { tools } = (await client.listTools()) as { tools: ListedTool[] };
  const needsArguments = (t: ListedTool) => (t.inputSchema.required ?? []).length > 0;
  readTool = tools.find((t) => t.annotations?.readOnlyHint === true && needsArguments(t))!.name;
  destructiveTool = tools.find((t) => t.annotations?.destructiveHint === true && needsArguments(t))!.name;

  // One success, and two calls refused for missing arguments (nothing is deleted).
  expect((await client.callTool({ name: "devrev_whoami", arguments: {} })).isError).toBeFalsy();
  expect((await client.callTool({ name: readTool, arguments: {} })).isError).toBe(true);
  expect((await client.callTool({ name: destructiveTool, arguments: {} })).isError).toBe(true);

  entries = server.logs.filter((l) => l.startsWith("{")).map((l) => toLogEntry(l, where));
});

afterAll(async () => {
  await client?.close();
  await server?.close();
});

const metric = (name: string) =>
  stack.all("google_logging_metric").find((m) => m.name === `production/${name}`)!;
const matching = (filter: string) => entries.filter((e) => matches(filter, e));
const labelsOf = (m: TfBlock, e: LogEntry) =>
  Object.fromEntries(
    Object.entries(m.label_extractors as Record<string, string>).map(([k, x]) => [k, extract(x, e)]),
  );
const metricLabels = (name: string) => {
  const m = metric(name);
  return matching(m.filter as string).map((e) => labelsOf(m, e));
};

describe("the server's log lines as Cloud Logging stores them", () => {
  it("are JSON with severity lifted out and message kept in jsonPayload", () => {
    expect(entries.length).toBeGreaterThan(5);
    const audit = entries.filter((e) => e.jsonPayload.message === "audit");
    expect(audit.length).toBeGreaterThanOrEqual(6); // 2 auth failures, 1 auth success, 3 tool calls
    for (const e of audit) {
      expect(["NOTICE", "WARNING"]).toContain(e.severity);
      expect(e.jsonPayload).not.toHaveProperty("severity");
    }
  });
});

describe("log-based metrics count exactly the events the server logged", () => {
  it(`${LOG_METRICS.authFailures}: both refused tokens, by reason`, () => {
    const labels = metricLabels(LOG_METRICS.authFailures);
    expect(labels.map((l) => l.reason).sort()).toEqual(["invalid_token", "missing_token"]);
    for (const l of labels)
      expect(l).toEqual({ reason: l.reason, outcome: "denied", auth_mode: "devrev-pat" });
  });

  it(`${LOG_METRICS.toolCalls}: every call, with tool, category and outcome`, () => {
    const labels = metricLabels(LOG_METRICS.toolCalls);
    expect(labels).toHaveLength(3);
    expect(labels).toEqual(
      expect.arrayContaining([
        { tool: "devrev_whoami", category: "read", outcome: "success" },
        { tool: readTool, category: "read", outcome: "error" },
        { tool: destructiveTool, category: "destructive", outcome: "error" },
      ]),
    );
  });

  it(`${LOG_METRICS.toolFailures}: the two failed calls, with their error type`, () => {
    const labels = metricLabels(LOG_METRICS.toolFailures);
    expect(labels.map((l) => l.tool).sort()).toEqual([readTool, destructiveTool].sort());
    for (const l of labels) expect(l).toMatchObject({ error_type: "invalid_arguments", outcome: "error" });
  });

  it(`${LOG_METRICS.destructiveToolCalls}: the delete attempt and nothing else`, () => {
    expect(metricLabels(LOG_METRICS.destructiveToolCalls)).toEqual([
      { tool: destructiveTool, outcome: "error" },
    ]);
  });

  it("extracts every label from every event it counts", () => {
    for (const m of stack.all("google_logging_metric")) {
      expect(
        metricLabels((m.name as string).replace("production/", "")).length,
        (m.name as string).replace("production/", ""),
      ).toBeGreaterThan(0);
      for (const labels of metricLabels((m.name as string).replace("production/", ""))) {
        for (const value of Object.values(labels)) expect(value).toMatch(/\S/);
      }
    }
  });

  it("ignores the logs of another service in the same project", () => {
    const other = entries.map((e) =>
      toLogEntry(JSON.stringify({ severity: e.severity, ...e.jsonPayload }), {
        ...where,
        serviceName: "other-service",
      }),
    );
    for (const m of stack.all("google_logging_metric")) {
      expect(other.filter((e) => matches(m.filter as string, e))).toEqual([]);
    }
  });

  it("stops matching when an audit field is renamed (the evaluator is not vacuous)", () => {
    const failure = matching(metric(LOG_METRICS.authFailures).filter as string)[0]!;
    const { event, ...rest } = failure.jsonPayload.audit as Record<string, unknown>;
    const renamed = { ...failure, jsonPayload: { ...failure.jsonPayload, audit: { ...rest, kind: event } } };
    expect(matches(metric(LOG_METRICS.authFailures).filter as string, renamed)).toBe(false);
  });
});

describe("the audit sink", () => {
  it("exports every audit line and no other line", () => {
    const filter = stack.one("google_logging_project_sink").filter as string;
    const exported = matching(filter);
    const audit = entries.filter((e) => e.jsonPayload.message === "audit");
    expect(exported).toEqual(audit);
    expect(entries.length - exported.length).toBeGreaterThan(0); // start-up and request lines stay out
    expect(exported.map((e) => (e.jsonPayload.audit as { event: string }).event)).toEqual(
      expect.arrayContaining(["auth.failure", "auth.success", "tool.call"]),
    );
  });
});

describe("the dashboard's log panel", () => {
  it("shows the denied and failed audit events, not the successes", () => {
    const dashboard = JSON.parse(stack.one("google_monitoring_dashboard").dashboard_json as string) as {
      mosaicLayout: { tiles: { widget: { logsPanel?: { filter: string } } }[] };
    };
    const panel = dashboard.mosaicLayout.tiles.find((t) => t.widget.logsPanel)!.widget.logsPanel!;
    const shown = matching(panel.filter);
    expect(shown).toHaveLength(4); // 2 auth failures + 2 failed tool calls
    for (const e of shown) expect(e.severity).toBe("WARNING");
  });
});

describe("docs/operations.md", () => {
  const doc = readFileSync(new URL("../../docs/operations.md", import.meta.url), "utf8");
  const filters = [...doc.matchAll(/gcloud logging read\s+'([^']+)'/g)].map((m) => m[1]!);
  /** Example values a reader replaces; filters holding one need not match the test's logs. */
  const PLACEHOLDERS = /alice@example\.com|sha256:0123|203\.0\.113\.7/;

  it("has ready-to-paste gcloud logging read filters", () => {
    expect(filters.length).toBeGreaterThanOrEqual(5);
  });

  it("keeps every filter inside the tested subset of the query language", () => {
    for (const filter of filters) expect(() => parseFilter(filter), filter).not.toThrow();
  });

  it("has filters that find the server's real audit lines", () => {
    for (const filter of filters) {
      if (PLACEHOLDERS.test(filter)) continue;
      expect(matching(filter).length, filter).toBeGreaterThan(0);
    }
  });

  it("names every log-based metric", () => {
    for (const name of Object.values(LOG_METRICS)) expect(doc).toContain(name);
  });
});

describe("the evaluator", () => {
  const entry = toLogEntry(
    JSON.stringify({ severity: "WARNING", message: "audit", time: "t", audit: { event: "x", n: 3 } }),
    where,
  );

  it("applies Cloud Logging's precedence: OR binds tighter than AND", () => {
    expect(
      matches('jsonPayload.audit.event="y" AND jsonPayload.message="nope" OR severity>=INFO', entry),
    ).toBe(false);
    expect(
      matches('jsonPayload.audit.event="x" AND jsonPayload.message="nope" OR severity>=INFO', entry),
    ).toBe(true);
  });

  it("compares severities by rank and values exactly", () => {
    expect(matches("severity>=WARNING", entry)).toBe(true);
    expect(matches("severity>WARNING", entry)).toBe(false);
    expect(matches('jsonPayload.audit.n="3"', entry)).toBe(true);
    expect(matches('jsonPayload.message="Audit"', entry)).toBe(false);
    expect(matches('NOT jsonPayload.missing="x"', entry)).toBe(true);
  });

  it("refuses syntax outside the subset", () => {
    for (const bad of [
      'jsonPayload.message:"audit"',
      'jsonPayload.message=~"au.*"',
      'jsonPayload.message!="audit"',
      'jsonPayload.message="audit" jsonPayload.audit.event="x"',
      "jsonPayload.message=audit",
      '"audit"',
    ]) {
      expect(() => parseFilter(bad), bad).toThrow();
    }
  });
});
