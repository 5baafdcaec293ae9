import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/mcp-server.js";
import { node22Path } from "../support/node22.js";

// The official MCP conformance suite's generic server scenarios, run against our server. The
// suite needs Node 22; test/conformance/runtime provides it (installed by global setup).

const run = promisify(execFile);
const suite = createRequire(import.meta.url).resolve("@modelcontextprotocol/conformance/dist/index.js");
const SCENARIOS = [
  "server-initialize",
  "ping",
  "tools-list",
  "resources-list",
  "prompts-list",
  "logging-set-level",
  "dns-rebinding-protection",
];

let server: TestServer;
beforeAll(async () => {
  // The suite's client sends no credentials: run the local, loopback-only no-auth mode.
  server = await startTestServer({ MCP_AUTH_MODE: "none", DEVREV_API_TOKEN: "sandbox-alice" });
});
afterAll(() => server?.close());

describe("MCP conformance suite (generic server scenarios)", () => {
  it.each(SCENARIOS)("%s passes", async (scenario) => {
    const { stdout, stderr } = await run(
      node22Path(),
      [suite, "server", "--url", server.url, "--scenario", scenario],
      {
        timeout: 60_000,
      },
    ).catch((err: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(`${scenario} failed:\n${err.stdout ?? ""}\n${err.stderr ?? ""}\n${err.message}`);
    });
    const out = `${stdout}\n${stderr}`;
    const summary = out.match(/Passed: (\d+)\/(\d+), (\d+) failed/);
    expect(summary, out).not.toBeNull();
    const [, passed, total, failed] = summary ?? [];
    expect(Number(total)).toBeGreaterThan(0);
    expect(passed).toBe(total);
    expect(failed).toBe("0");
  });
});
