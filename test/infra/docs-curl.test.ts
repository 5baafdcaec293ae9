import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/mcp-server.js";

// The README's copy-paste curl commands, run exactly as written (by bash, with real curl) against
// a real server on 127.0.0.1, so the documented way to check a deployment keeps working.

const run = promisify(execFile);
const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

/** Every ```bash block of the README that talks to $URL/mcp, as its curl lines. */
function curlLines(): string[] {
  const blocks = [...readme.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const block = blocks.find((b) => b.includes('curl -sS "$URL/mcp"'));
  expect(block, "README has a curl block for $URL/mcp").toBeDefined();
  return block!.split("\n").filter((line) => line.startsWith("curl "));
}

/** The JSON-RPC message of a Streamable HTTP answer (one SSE event, or plain JSON). */
function message(body: string): { id?: number; result?: Record<string, unknown>; error?: unknown } {
  const data = body
    .split("\n")
    .filter((l) => l.startsWith("data:"))
    .map((l) => l.slice(5).trim());
  return JSON.parse(data.length > 0 ? data.join("") : body);
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const curl = (line: string, token: string) =>
  run("bash", ["-c", line], { env: { PATH: process.env.PATH, URL: server.origin, TOKEN: token } });

describe("README: check a deployment with curl", () => {
  it("initializes, then lists tools, with the lines as written", async () => {
    const [initialize, list, ...rest] = curlLines();
    expect(rest).toEqual([]);
    const init = message((await curl(initialize!, "sandbox-alice")).stdout);
    expect(init.id).toBe(1);
    expect(init.result).toMatchObject({
      protocolVersion: "2025-06-18",
      serverInfo: expect.objectContaining({ name: "devrev-mcp-server" }),
      capabilities: expect.objectContaining({ tools: expect.anything() }),
    });
    const tools = message((await curl(list!, "sandbox-alice")).stdout);
    expect(tools.id).toBe(2);
    const names = ((tools.result?.tools ?? []) as { name: string }[]).map((t) => t.name);
    expect(names).toContain("devrev_whoami");
  });

  it("shows a refused token as the README says (401)", async () => {
    const [initialize] = curlLines();
    const status = await curl(`${initialize} -o /dev/null -w '%{http_code}'`, "not-a-pat");
    expect(status.stdout).toBe("401");
  });
});
