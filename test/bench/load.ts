// Load generation. Latency at concurrency 1 is measured here with node:http and performance.now()
// (autocannon's histogram has 1 ms resolution, too coarse for sub-millisecond overhead);
// throughput at higher concurrency uses autocannon.
import http from "node:http";
import autocannon from "autocannon";

export const MCP_ACCEPT = "application/json, text/event-stream";

export interface Target {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Throws when a 200 response is still a failure (a JSON-RPC error or an isError result). */
  check?: (body: string) => void;
}

export interface LatencyStats {
  n: number;
  p50_ms: number;
  p90_ms: number;
  p99_ms: number;
  mean_ms: number;
}

export interface ThroughputStats {
  connections: number;
  duration_s: number;
  requests: number;
  rps: number;
  latency_p50_ms: number;
  latency_p99_ms: number;
  non2xx: number;
  errors: number;
}

export function mcpCall(id: number, method: string, params: unknown): string {
  return JSON.stringify({ jsonrpc: "2.0", id, method, params });
}

export function mcpHeaders(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    authorization: `Bearer ${token}`,
    "content-type": "application/json",
    accept: MCP_ACCEPT,
    ...extra,
  };
}

/** The JSON-RPC messages of an MCP answer, whether SSE or plain JSON. */
export function rpcMessages(body: string): Array<Record<string, unknown>> {
  const trimmed = body.trimStart();
  if (trimmed.startsWith("{")) return [JSON.parse(trimmed) as Record<string, unknown>];
  return body
    .split("\n")
    .filter((l) => l.startsWith("data:"))
    .map((l) => JSON.parse(l.slice(5)) as Record<string, unknown>);
}

/** Fails unless the answer is a JSON-RPC result that is not a tool error. */
export function expectRpcSuccess(body: string): void {
  const msg = rpcMessages(body).find((m) => "result" in m || "error" in m);
  if (!msg || "error" in msg) throw new Error(`JSON-RPC error: ${body.slice(0, 300)}`);
  const result = msg.result as { isError?: boolean } | undefined;
  if (result?.isError) throw new Error(`tool error: ${body.slice(0, 300)}`);
}

export interface Reply {
  status: number;
  body: string;
  ms: number;
}

export function post(
  target: Pick<Target, "url" | "headers" | "body">,
  agent: http.Agent | false,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(target.url, { method: "POST", headers: target.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString("utf8"),
          ms: performance.now() - started,
        }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(target.body);
  });
}

export function stats(samples: number[]): LatencyStats {
  const xs = [...samples].sort((a, b) => a - b);
  const at = (q: number) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? Number.NaN;
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return {
    n: xs.length,
    p50_ms: round(at(0.5)),
    p90_ms: round(at(0.9)),
    p99_ms: round(at(0.99)),
    mean_ms: round(xs.reduce((s, v) => s + v, 0) / (xs.length || 1)),
  };
}

/** `n` requests one after another on one kept-alive connection, after `warmup` unmeasured ones. */
export async function sequential(target: Target, n: number, warmup: number): Promise<LatencyStats> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const samples: number[] = [];
  try {
    for (let i = 0; i < warmup + n; i++) {
      const reply = await post(target, agent);
      if (reply.status !== 200) throw new Error(`HTTP ${reply.status} from ${target.url}: ${reply.body}`);
      // Checking every body would add client work to the measurement; the first and every 50th suffice.
      if (target.check && i % 50 === 0) target.check(reply.body);
      if (i >= warmup) samples.push(reply.ms);
    }
  } finally {
    agent.destroy();
  }
  return stats(samples);
}

export async function throughput(
  target: Target,
  options: { connections: number; durationS?: number; amount?: number },
): Promise<ThroughputStats> {
  const result = await autocannon({
    url: target.url,
    method: "POST",
    headers: target.headers,
    body: target.body,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.durationS ?? 5 }),
    timeout: 30,
  });
  return {
    connections: options.connections,
    duration_s: Math.round(result.duration * 100) / 100,
    requests: result["2xx"],
    rps: Math.round((result["2xx"] / result.duration) * 10) / 10,
    latency_p50_ms: result.latency.p50,
    latency_p99_ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
