// Issue 10 item 2, measured: what one caller's worst inputs cost the server. Not a test: it prints
// numbers (the regression guard is test/reliability/bounded-work.test.ts). For each attack it starts
// a fresh server (`node <cli>` in production mode, devrev-pat auth, the image's V8 flags) in front of
// a sandbox in its own process, sends ONE tools/call, and meanwhile polls GET /health every 50 ms
// as a liveness probe would. It reports the probe's worst latency, the server's peak RSS (VmHWM)
// and how many DevRev calls the one request made (the sandbox's request log).
//
//   npx tsx test/bench/bounded-work.ts                      this tree's dist/ (npm run build first)
//   npx tsx test/bench/bounded-work.ts --cli /tmp/main/cli.js   another build, e.g. main's, for "before"
//   npx tsx test/bench/bounded-work.ts --only part-distinct     one attack
//
// Run it on a quiet machine (it loads a core for up to a few minutes per attack on an unbounded build)
// and state `uptime`'s load average next to the numbers.
import { fork } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type Child, freePort, spawnNode, waitFor200 } from "./processes.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SELF = fileURLToPath(import.meta.url);

interface Attack {
  name: string;
  tool: string;
  args: Record<string, unknown>;
}

const N = 20_000;
const ATTACKS: Attack[] = [
  { name: "part-same", tool: "devrev_works_list", args: { part: Array(N).fill("PROD-1") } },
  {
    name: "part-distinct",
    tool: "devrev_works_list",
    args: { part: Array.from({ length: N }, (_, i) => `PROD-${i + 1}`) },
  },
  { name: "owned_by-me", tool: "devrev_works_list", args: { owned_by: Array(N).fill("me") } },
  {
    name: "rev_users-acc",
    tool: "devrev_rev_users_list",
    args: { rev_org: Array.from({ length: N }, (_, i) => `ACC-${i + 1}`) },
  },
  {
    name: "works_create-tags",
    tool: "devrev_works_create",
    args: {
      type: "issue",
      title: "bounded",
      part: "PROD-1",
      owned_by: Array.from({ length: N }, (_, i) => `DEVU-${i + 1}`),
      tags: Array.from({ length: N }, (_, i) => `TAG-${i + 1}`),
    },
  },
  {
    // Within every array maximum, but four arrays of distinct values each needing a lookup.
    name: "four-filters-50",
    tool: "devrev_works_list",
    args: {
      owned_by: Array.from({ length: 50 }, (_, i) => `user${i}@example.com`),
      part: Array.from({ length: 50 }, (_, i) => `PROD-${i + 1}`),
      rev_org: Array.from({ length: 50 }, (_, i) => `REV-${i + 1}`),
      tags: Array.from({ length: 50 }, (_, i) => `TAG-${i + 1}`),
    },
  },
];

interface Measured {
  attack: string;
  answered_ms: number;
  outcome: string;
  health_polls: number;
  health_failures: number;
  health_worst_ms: number;
  /** The longest stretch without a successful probe answer: how long a liveness probe saw nothing. */
  health_gap_ms: number;
  peak_rss_mb: number;
  upstream_calls: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { cli: { type: "string" }, only: { type: "string" } },
  });
  const cli = path.resolve(ROOT, values.cli ?? "dist/cli.js");
  const chosen = values.only ? ATTACKS.filter((a) => a.name === values.only) : ATTACKS;
  if (chosen.length === 0) throw new Error(`no attack named ${values.only}`);
  const sandbox = fork(SELF, ["--sandbox-child"], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const [{ url: sandboxUrl }] = (await once(sandbox, "message")) as [{ url: string }];
  const rows: Measured[] = [];
  try {
    for (const attack of chosen) rows.push(await measure(attack, cli, sandboxUrl));
  } finally {
    sandbox.kill("SIGTERM");
  }
  console.log(`cli: ${path.relative(ROOT, cli) || cli}`);
  console.table(rows);
}

async function measure(attack: Attack, cli: string, sandboxUrl: string): Promise<Measured> {
  const port = await freePort();
  const server = spawnNode(
    "server",
    [cli],
    {
      NODE_ENV: "production",
      MCP_TRANSPORT: "streamable-http",
      MCP_HOST: "127.0.0.1",
      MCP_PORT: String(port),
      MCP_AUTH_MODE: "devrev-pat",
      MCP_LOG_LEVEL: "error",
      MCP_RATE_LIMIT_RPM: "0",
      MCP_TOOLSETS: "all",
      DEVREV_API_BASE_URL: sandboxUrl,
    },
    `http://127.0.0.1:${port}`,
    ["--max-semi-space-size=4", "--heap-growing-percent=30"],
  );
  try {
    await waitFor200(`${server.url}/health`, server, performance.now());
    await fetch(`${sandboxUrl}/_sandbox/requests`, { method: "DELETE" });
    const probe = startProbe(`${server.url}/health`);
    const started = performance.now();
    const outcome = await callTool(server, attack);
    const answeredMs = performance.now() - started;
    // A few more probes after the answer: an unbounded build may still be settling its calls.
    await new Promise((r) => setTimeout(r, 500));
    const health = await probe.stop();
    const log = (await (await fetch(`${sandboxUrl}/_sandbox/requests`)).json()) as {
      requests: Array<{ op: string }>;
    };
    return {
      attack: attack.name,
      answered_ms: Math.round(answeredMs),
      outcome,
      health_polls: health.polls,
      health_failures: health.failures,
      health_worst_ms: Math.round(health.worstMs),
      health_gap_ms: Math.round(health.gapMs),
      peak_rss_mb: Math.round(peakRssBytes(server.pid) / 1_048_576),
      // dev-users.self is the token check of the one request, not the attack's work.
      upstream_calls: log.requests.filter((r) => r.op !== "dev-users.self").length,
    };
  } finally {
    await server.stop();
  }
}

async function callTool(server: Child, attack: Attack): Promise<string> {
  const body = JSON.stringify({
    jsonrpc: "2.0",
    id: 1,
    method: "tools/call",
    params: { name: attack.tool, arguments: attack.args },
  });
  const res = await fetch(`${server.url}/mcp`, {
    method: "POST",
    headers: {
      authorization: "Bearer sandbox-alice",
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      "mcp-protocol-version": "2025-06-18",
    },
    body,
    signal: AbortSignal.timeout(600_000),
  });
  const text = await res.text();
  const data = text.split("\n").find((l) => l.startsWith("data:"));
  const msg = JSON.parse(data ? data.slice(5) : text) as {
    result?: { isError?: boolean; content?: Array<{ text?: string }> };
    error?: { message: string };
  };
  if (msg.error) return `rpc error: ${msg.error.message.slice(0, 90)}`;
  const first = msg.result?.content?.[0]?.text ?? "";
  return `${msg.result?.isError ? "tool error" : "ok"}: ${first.replace(/\s+/g, " ").slice(0, 90)}`;
}

/** GET /health every 50 ms on its own connection; a poll counts as failed after 10 s or non-200. */
function startProbe(url: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let polls = 0;
  let failures = 0;
  let worstMs = 0;
  let gapMs = 0;
  let lastOk = performance.now();
  let running = true;
  const loop = (async () => {
    while (running) {
      const t0 = performance.now();
      const ok = await new Promise<boolean>((resolve) => {
        const req = http.get(url, { agent, timeout: 10_000 }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode === 200));
        });
        req.on("timeout", () => req.destroy());
        req.on("error", () => resolve(false));
      });
      polls++;
      if (!ok) failures++;
      const now = performance.now();
      worstMs = Math.max(worstMs, now - t0);
      gapMs = Math.max(gapMs, now - lastOk);
      if (ok) lastOk = now;
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      agent.destroy();
      return { polls, failures, worstMs, gapMs };
    },
  };
}

/** The process's peak resident set size so far (VmHWM), in bytes. */
function peakRssBytes(pid: number): number {
  const kb = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  if (!kb) throw new Error(`no VmHWM for pid ${pid}`);
  return Number(kb) * 1024;
}

if (process.argv[2] === "--sandbox-child") {
  // The sandbox in its own process, with a request log long enough to count an unbounded request.
  const { startSandbox } = await import("../../app/sandbox/index.js");
  const sandbox = await startSandbox({ host: "127.0.0.1", port: 0, requestLogSize: 200_000 });
  process.send?.({ url: sandbox.url });
} else {
  await main();
}
