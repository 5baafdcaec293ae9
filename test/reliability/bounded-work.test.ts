import http from "node:http";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MAX_ARRAY_ITEMS } from "../../app/mcp/bounded-args.js";
import { connectClient, startTestServer, type TestServer } from "../support/mcp-server.js";
import { callTool } from "./support.js";

// Issue 10, item 2: one caller's worst inputs cost a bounded amount of DevRev calls, of concurrency
// and of this process. Driven through real HTTP, the SDK client and the spec-validating sandbox;
// what is asserted is counted (calls in the sandbox's request log, calls in flight at once, probe
// answers), never timed. The per-request budget is narrowed through the server's code-only hook so
// the seed's few objects can reach it.

const MAX_CALLS = 30;
const MAX_CONCURRENT = 3;
const N = 20_000;
const ALICE = "sandbox-alice";

let server: TestServer;
/** DevRev calls the sandbox is answering right now, and the most seen at once since the last reset. */
let inFlight = 0;
let peakInFlight = 0;

beforeAll(async () => {
  server = await startTestServer(
    {
      MCP_TOOLSETS: "all",
      MCP_ENABLE_DESTRUCTIVE_TOOLS: "true",
      MCP_ENABLE_BETA_TOOLS: "true",
      MCP_RATE_LIMIT_RPM: "0",
      MCP_LOG_LEVEL: "warning",
    },
    {
      hooks: { requestLimits: { maxCalls: MAX_CALLS, maxConcurrent: MAX_CONCURRENT } },
      sandboxOptions: {
        // Each answer takes a while, so calls sent together are in flight together.
        latencyMs: 20,
        requestLogSize: 100_000,
        hooks: {
          onRequest() {
            inFlight++;
            peakInFlight = Math.max(peakInFlight, inFlight);
            return undefined;
          },
          onResponse() {
            inFlight--;
          },
        },
      },
    },
  );
  // The token is validated (and cached) before the counting starts.
  expect((await call("devrev_whoami", {})).isError).toBe(false);
});
afterAll(() => server?.close());
beforeEach(() => {
  server.sandbox.state.clearRequests();
  peakInFlight = inFlight;
});

const call = (name: string, args: Record<string, unknown>) =>
  callTool(server.url, ALICE, name, args, 120_000);
const upstream = (op?: string) => server.sandbox.state.requests(op).length;
const range = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i + 1));
// What the seed holds: every one resolves, each with one call.
const PARTS = [
  "PROD-1",
  "PROD-2",
  "PROD-3",
  ...range(8, (i) => `FEAT-${i}`),
  ...range(6, (i) => `CAPL-${i}`),
];
const DEV_USERS = range(6, (i) => `DEVU-${i}`);
const TAGS = range(8, (i) => `TAG-${i}`);

describe("array arguments", () => {
  it("resolves a value repeated 20,000 times once", async () => {
    const res = await call("devrev_works_list", { part: Array(N).fill("PROD-1"), limit: 5 });
    expect(res.isError, res.text).toBe(false);
    expect(upstream("parts.get")).toBe(1);
    expect(upstream()).toBe(2); // parts.get, then works.list
  });

  it("refuses 20,000 distinct ids by the argument's name before any DevRev call", async () => {
    const res = await call("devrev_works_list", { part: range(N, (i) => `PROD-${i}`) });
    expect(res.isError).toBe(true);
    expect(res.text).toContain(`part: ${N} values; at most ${MAX_ARRAY_ITEMS} in one call`);
    expect(upstream()).toBe(0);
  });

  it('resolves "me" once however often it appears, without a DevRev call for a known caller', async () => {
    const res = await call("devrev_works_list", { owned_by: Array(N).fill("me"), limit: 5 });
    expect(res.isError, res.text).toBe(false);
    expect(upstream()).toBe(1); // works.list only
    const list = server.sandbox.state.requests("works.list");
    expect(list).toHaveLength(1);
  });

  it("refuses customer contacts for 20,000 accounts, and 50 accounts that would not fit the budget", async () => {
    const many = await call("devrev_rev_users_list", { rev_org: range(N, (i) => `ACC-${i}`) });
    expect(many.isError).toBe(true);
    expect(many.text).toContain(`rev_org: ${N} values; at most ${MAX_ARRAY_ITEMS}`);
    expect(upstream()).toBe(0);

    const fifty = await call("devrev_rev_users_list", { rev_org: range(50, (i) => `ACC-${i}`) });
    expect(fifty.isError).toBe(true);
    expect(fifty.text).toMatch(
      new RegExp(`^rev_org: resolving its 50 values would need more than the ${MAX_CALLS} DevRev calls`),
    );
    expect(upstream()).toBe(0);
  });

  it("bounds a create's owners and tags, and creates with each repeated owner once", async () => {
    const base = { type: "issue", title: `bounded ${process.pid}`, part: "PROD-1" };
    for (const arg of ["owned_by", "tags"] as const) {
      const res = await call("devrev_works_create", {
        ...base,
        [arg]: range(MAX_ARRAY_ITEMS + 1, (i) => (arg === "tags" ? `TAG-${i}` : `DEVU-${i}`)),
      });
      expect(res.isError).toBe(true);
      expect(res.text).toContain(`${arg}: ${MAX_ARRAY_ITEMS + 1} values; at most ${MAX_ARRAY_ITEMS}`);
    }
    expect(upstream()).toBe(0);

    const res = await call("devrev_works_create", { ...base, owned_by: Array(N).fill("DEVU-2") });
    expect(res.isError, res.text).toBe(false);
    expect(upstream("dev-users.get")).toBe(1);
    expect(upstream("works.create")).toBe(1);
  });
});

describe("the per-request budget", () => {
  it(`runs at most ${MAX_CONCURRENT} DevRev calls of one request at once`, async () => {
    const res = await call("devrev_works_list", { part: PARTS, owned_by: DEV_USERS, limit: 5 });
    expect(res.isError, res.text).toBe(false);
    expect(upstream()).toBe(PARTS.length + DEV_USERS.length + 1);
    expect(peakInFlight).toBeLessThanOrEqual(MAX_CONCURRENT);
  });

  it("names the argument whose lookups would go past the budget, and sends no more than the budget", async () => {
    // 6 owners + 17 parts fit in 30 calls; 8 tags more do not.
    const res = await call("devrev_works_list", { owned_by: DEV_USERS, part: PARTS, tags: TAGS });
    expect(res.isError).toBe(true);
    expect(res.text).toMatch(
      new RegExp(
        `^tags: resolving its 8 values would need more than the ${MAX_CALLS} DevRev calls one request may make \\(\\d+ already used`,
      ),
    );
    expect(upstream()).toBeLessThanOrEqual(MAX_CALLS);
    expect(upstream("tags.get")).toBe(0);
    expect(upstream("works.list")).toBe(0);
  });

  it("gives every request its own budget", async () => {
    const args = { part: PARTS, owned_by: DEV_USERS, limit: 5 };
    const results = await Promise.all([call("devrev_works_list", args), call("devrev_works_list", args)]);
    for (const r of results) expect(r.isError, r.text).toBe(false);
    expect(upstream("parts.get")).toBe(2 * PARTS.length);
  });
});

describe("tools/list", () => {
  it("advertises a maximum for every array a tool takes", async () => {
    const client = await connectClient(server.url, ALICE);
    try {
      const { tools } = await client.listTools();
      const unbounded = tools.flatMap((t) => arraysWithoutMaximum(t));
      expect(unbounded).toEqual([]);
      expect(tools.length).toBeGreaterThan(80);
    } finally {
      await client.close();
    }
  });
});

describe("resources and prompts", () => {
  // One DevRev call per request: an account with its rev orgs, or a ticket with its comments, needs two.
  let tight: TestServer;
  beforeAll(async () => {
    tight = await startTestServer(
      { MCP_TOOLSETS: "all", MCP_RATE_LIMIT_RPM: "0", MCP_LOG_LEVEL: "warning" },
      { hooks: { requestLimits: { maxCalls: 1 } } },
    );
  });
  afterAll(() => tight?.close());

  it("spend the same per-request budget as tools", async () => {
    const client = await connectClient(tight.url, ALICE);
    try {
      const overBudget = /more than 1 DevRev calls, the most one request may make/;
      tight.sandbox.state.clearRequests();
      await expect(client.readResource({ uri: "devrev://accounts/ACC-1" })).rejects.toThrow(overBudget);
      expect(tight.sandbox.state.requests("rev-orgs.list")).toHaveLength(0);
      await expect(
        client.getPrompt({ name: "escalate_ticket", arguments: { ticket_id: "TKT-1", reason: "blocked" } }),
      ).rejects.toThrow(overBudget);
      // A read that needs one call is within it.
      const me = await client.readResource({ uri: "devrev://me" });
      expect(me.contents).toHaveLength(1);
    } finally {
      await client.close();
    }
  });
});

describe("liveness while one caller sends the worst inputs", () => {
  it("answers every /health probe and keeps DevRev calls within the budget of each request", async () => {
    const attacks: Array<[string, Record<string, unknown>]> = [
      ["devrev_works_list", { part: range(N, (i) => `PROD-${i}`) }],
      ["devrev_works_list", { part: Array(N).fill("PROD-1"), owned_by: Array(N).fill("me") }],
      ["devrev_works_list", { owned_by: DEV_USERS, part: PARTS, tags: TAGS }],
      ["devrev_rev_users_list", { rev_org: range(N, (i) => `ACC-${i}`) }],
      ["devrev_accounts_list", { owned_by: range(50, (i) => `user${i}@example.test`) }],
      [
        "devrev_works_create",
        { type: "task", title: "x", part: "PROD-1", tags: range(N, (i) => `TAG-${i}`) },
      ],
    ];
    const rounds = 3;
    const probe = startProbe(`${new URL(server.url).origin}/health`);
    let answered = 0;
    try {
      await Promise.all(
        Array.from({ length: rounds }, async () => {
          for (const [name, args] of attacks) {
            const res = await call(name, args);
            expect(res.reply.status).toBe(200);
            answered++;
          }
        }),
      );
    } finally {
      await probe.stop();
    }
    expect(answered).toBe(rounds * attacks.length);
    expect(probe.failures).toEqual([]);
    expect(probe.polls).toBeGreaterThan(0);
    // Every request stays within its own budget, whatever it asked for.
    expect(upstream()).toBeLessThanOrEqual(rounds * attacks.length * MAX_CALLS);
  }, 180_000);
});

/** Paths of array schemas in a tool's input that carry no maxItems (an enum of items bounds itself). */
function arraysWithoutMaximum(tool: Tool): string[] {
  const found: string[] = [];
  const walk = (node: unknown, path: string) => {
    if (!node || typeof node !== "object") return;
    const s = node as Record<string, unknown>;
    const items = s.items as { enum?: unknown[] } | undefined;
    if (s.type === "array" && typeof s.maxItems !== "number" && !Array.isArray(items?.enum)) found.push(path);
    if (typeof s.maxItems === "number" && s.maxItems > MAX_ARRAY_ITEMS) found.push(`${path} (${s.maxItems})`);
    for (const [k, v] of Object.entries(s.properties ?? {})) walk(v, `${path}.${k}`);
    walk(s.items, `${path}[]`);
    for (const key of ["anyOf", "oneOf", "allOf"]) for (const v of (s[key] as unknown[]) ?? []) walk(v, path);
  };
  walk(tool.inputSchema, tool.name);
  return found;
}

/**
 * GET /health one after another on its own connection, as a liveness probe would. A poll fails
 * when it is refused or not answered within 10 s (Cloud Run's probe gives up far sooner): an
 * event loop blocked for that long is the failure this guards against, not a slow machine.
 */
function startProbe(url: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const failures: string[] = [];
  let polls = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const outcome = await new Promise<string | undefined>((resolve) => {
        const req = http.get(url, { agent, timeout: 10_000 }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode === 200 ? undefined : `HTTP ${res.statusCode}`));
        });
        req.on("timeout", () => req.destroy(new Error("no answer within 10 s")));
        req.on("error", (err) => resolve(err.message));
      });
      polls++;
      if (outcome) failures.push(outcome);
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  return {
    get polls() {
      return polls;
    },
    failures,
    async stop() {
      running = false;
      await loop;
      agent.destroy();
    },
  };
}
