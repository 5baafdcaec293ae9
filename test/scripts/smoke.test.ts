import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectClient, startTestServer, type TestServer } from "../support/mcp-server.js";
import { ROOT, runScript } from "./helpers/run-script.js";

// scripts/smoke against the real server in front of the sandbox (in this process), and against
// the ways a deployment goes wrong: nothing listening, a refused token, a server with /health
// but no /mcp.

const VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;

let server: TestServer;
let base: string;
let healthOnly: Server;
let healthOnlyUrl: string;
let healthOnlyRequests = 0;
let closedUrl: string;
let writeTool: string;

const listen = (s: Server) =>
  new Promise<string>((resolve) =>
    s.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)),
  );

beforeAll(async () => {
  server = await startTestServer();
  base = server.origin;

  // Answers /health like the server, and 404 for everything else (e.g. a different app).
  healthOnly = createServer((req, res) => {
    healthOnlyRequests++;
    if (req.method === "GET" && req.url === "/health") {
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ status: "ok", version: VERSION }));
    } else {
      res.writeHead(404, { "content-type": "text/plain" }).end("Cannot POST /mcp");
    }
  });
  healthOnlyUrl = await listen(healthOnly);

  // A port nobody listens on any more.
  const closed = createServer();
  closedUrl = await listen(closed);
  await new Promise((r) => closed.close(r));

  const client = await connectClient(server.url, "sandbox-alice");
  const { tools } = await client.listTools();
  writeTool = tools.find((t) => t.annotations?.readOnlyHint !== true)!.name;
  await client.close();
});

afterAll(async () => {
  await server?.close();
  await new Promise((r) => healthOnly?.close(r));
});

const smoke = (args: string[], token: Record<string, string> = { DEVREV_SMOKE_PAT: "sandbox-alice" }) =>
  runScript("smoke", args, { env: token });

describe("scripts/smoke", () => {
  it("explains itself with --help", async () => {
    const r = await smoke(["--help"], {});
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: scripts\/smoke URL/);
    expect(r.stdout).toContain("DEVREV_SMOKE_PAT or MCP_SMOKE_TOKEN");
  });

  it("prints the plan and sends nothing with --dry-run", async () => {
    const before = healthOnlyRequests;
    const r = await smoke([`${healthOnlyUrl}/mcp`, "--dry-run", "--expect-version", "9.9.9"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`GET ${healthOnlyUrl}/health: expect 200`);
    expect(r.stdout).toContain(`POST ${healthOnlyUrl}/mcp: MCP initialize`);
    expect(r.stdout).toContain("Bearer <DEVREV_SMOKE_PAT, 13 characters>");
    expect(r.stdout).toContain("tools/call devrev_whoami");
    expect(r.stdout).not.toContain("sandbox-alice");
    expect(healthOnlyRequests).toBe(before);
  });

  it("passes against the local server on the sandbox", async () => {
    const r = await smoke([base, "--expect-version", VERSION]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`ok    GET /health: 200, version ${VERSION}`);
    expect(r.stdout).toContain(`ok    initialize: devrev-mcp-server ${VERSION}`);
    expect(r.stdout).toMatch(/ok {4}tools\/list: \d+ tools, devrev_whoami among them/);
    expect(r.stdout).toContain("ok    tools/call devrev_whoami: You are");
    expect(r.stdout).toContain("smoke: all checks passed");
    expect(server.logs.join("")).not.toContain("sandbox-alice");
  });

  it("accepts the URL with /mcp and the token from MCP_SMOKE_TOKEN", async () => {
    const r = await smoke([server.url], { MCP_SMOKE_TOKEN: "sandbox-bob" });
    expect(r.code).toBe(0);
  });

  it("fails clearly against a wrong URL", async () => {
    const r = await smoke([closedUrl]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(
        `^FAIL {2}GET ${closedUrl}/health failed: .*ECONNREFUSED.*Is the URL right and the service deployed\\?`,
      ),
    );
  });

  it("fails clearly with a wrong token", async () => {
    const r = await smoke([base], { DEVREV_SMOKE_PAT: "not-a-real-pat" });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("ok    GET /health");
    expect(r.stderr).toContain(
      `FAIL  POST ${base}/mcp (initialize): 401, the server refused the token in DEVREV_SMOKE_PAT`,
    );
    expect(r.stderr).not.toContain("not-a-real-pat");
  });

  it("fails clearly against a server that answers /health but not /mcp", async () => {
    const r = await smoke([healthOnlyUrl]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("ok    GET /health");
    expect(r.stderr).toContain(
      `FAIL  POST ${healthOnlyUrl}/mcp (initialize): 404, this server answers /health but has no MCP endpoint at /mcp`,
    );
  });

  it("fails when the running version is not the expected one", async () => {
    const r = await smoke([base, "--expect-version", "0.0.0-not-deployed"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `reports version ${VERSION}, expected 0.0.0-not-deployed: the new revision is not serving`,
    );
  });

  it("refuses to call a tool that writes", async () => {
    const r = await smoke([base, "--tool", writeTool]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${writeTool} is not read-only`);
  });

  it("exits 2 without a token or a URL, naming what is missing", async () => {
    const noToken = await smoke([base], {});
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain("no token: set DEVREV_SMOKE_PAT or MCP_SMOKE_TOKEN");
    const noUrl = await smoke([]);
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toContain("expected exactly one URL");
    expect((await smoke(["ftp://example.com"])).stderr).toContain("the URL must be http(s)");
  });
});
