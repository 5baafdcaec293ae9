import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INIT, messagesOf, post, rpc } from "../support/rpc.js";
import { startValidatedSandbox, type ValidatedSandbox } from "../support/sandbox.js";

// SIGTERM while calls are in flight: Cloud Run gives 10 s; every call must finish and the process
// must exit 0. Runs the built CLI as Cloud Run would.

let sandbox: ValidatedSandbox;
let listsSeen = 0;
beforeAll(async () => {
  sandbox = await startValidatedSandbox({
    latencyMs: 600,
    hooks: {
      onRequest: (op) => {
        if (op === "works.list") listsSeen++;
        return undefined;
      },
    },
  });
});
afterAll(() => sandbox?.close());

async function startServer(): Promise<{ child: ChildProcess; origin: string; stderr: () => string }> {
  const child = spawn(process.execPath, ["dist/cli.js", "--transport", "streamable-http", "--port", "0"], {
    env: {
      PATH: process.env.PATH ?? "",
      DEVREV_API_BASE_URL: sandbox.url,
      MCP_RATE_LIMIT_RPM: "0",
      MCP_SHUTDOWN_GRACE_MS: "8000",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  const origin = await new Promise<string>((resolve, reject) => {
    child.stderr?.on("data", (d: Buffer) => {
      err += d.toString();
      const m = err.match(/"url":"(http:\/\/[^"]+)\/mcp"/);
      if (m?.[1]) resolve(m[1]);
    });
    child.once("exit", (code) => reject(new Error(`server exited early (${code}): ${err}`)));
  });
  return { child, origin, stderr: () => err };
}

describe("graceful shutdown", () => {
  it("lets 20 slow in-flight calls finish after SIGTERM, then exits 0", async () => {
    const { child, origin, stderr } = await startServer();
    const auth = { Authorization: "Bearer sandbox-alice" };
    expect((await post(origin, "/mcp", INIT, auth)).status).toBe(200);
    const calls = Array.from({ length: 20 }, (_, i) =>
      post(
        origin,
        "/mcp",
        rpc(i + 1, "tools/call", { name: "devrev_works_list", arguments: { limit: 2 } }),
        auth,
      ),
    );
    // SIGTERM only once all 20 are inside the server and waiting on DevRev: in flight, not queued.
    while (listsSeen < 20) await new Promise((r) => setTimeout(r, 10));
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    const results = await Promise.all(calls);
    for (const res of results) {
      expect(res.status).toBe(200);
      const [msg] = messagesOf(res);
      expect(msg?.error).toBeUndefined();
      expect((msg?.result as { isError?: boolean } | undefined)?.isError).not.toBe(true);
    }
    const [code] = await exited;
    expect(code).toBe(0);
    expect(stderr()).toMatch(/"message":"stopped".*"drained":true/);
  });
});
