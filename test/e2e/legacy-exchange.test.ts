import { legacyStatelessFallback } from "@modelcontextprotocol/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../app/config/config.js";
import { createDevRevClient } from "../../app/devrev/client.js";
import { createAuditor } from "../../app/log/audit.js";
import { silentLogger } from "../../app/log/logger.js";
import { buildMcpShared } from "../../app/mcp/build-shared.js";
import { createMcpServer } from "../../app/mcp/server.js";
import { surfaceFromConfig } from "../../app/runtime/surface-from-config.js";
import { tokenHash } from "../../app/util/token-hash.js";
import { testNow } from "../support/clock.js";
import { startTestServer, type TestServer } from "../support/mcp-server.js";
import { INIT, MCP_HEADERS, rpc } from "../support/rpc.js";

// A 2025-era POST is served by app/http/legacy-exchange.ts instead of the SDK's stateless legacy
// fallback (for speed, docs/performance.md). Each case here goes to both — the server over HTTP,
// and the SDK's own `legacyStatelessFallback` over the same Server factory — and the answers
// must be the same: status, framing and every JSON-RPC message.

const ALICE = "sandbox-alice";
let server: TestServer;
let reference: (request: Request, options: { parsedBody: unknown }) => Promise<Response>;

beforeAll(async () => {
  server = await startTestServer();
  const config = loadConfig({ MCP_TRANSPORT: "streamable-http", DEVREV_API_BASE_URL: server.sandbox.url });
  // The same icon URLs as the server on loopback lists (its listening address).
  const shared = buildMcpShared(
    createAuditor(silentLogger, false),
    config.tools.maxResultChars,
    {},
    { iconBase: () => server.origin },
  );
  const caller = {
    devrev: createDevRevClient({ baseUrl: server.sandbox.url, token: ALICE, now: testNow }),
    identity: undefined,
    tokenHash: tokenHash(ALICE),
    surface: surfaceFromConfig(config),
    logger: silentLogger,
  };
  reference = legacyStatelessFallback(
    () => createMcpServer(shared, caller),
    () => {},
  );
});
afterAll(() => server?.close());

interface Answer {
  status: number;
  type: string;
  messages: unknown[];
}

async function read(res: Response): Promise<Answer> {
  const type = (res.headers.get("content-type") ?? "").split(";")[0] ?? "";
  const text = await res.text();
  const messages =
    type === "text/event-stream"
      ? text
          .split("\n")
          .filter((l) => l.startsWith("data:"))
          .map((l) => JSON.parse(l.slice(5)) as unknown)
      : text
        ? [JSON.parse(text) as unknown]
        : [];
  return { status: res.status, type, messages };
}

async function both(body: unknown, headers: Record<string, string> = {}) {
  const all = { ...MCP_HEADERS, ...headers };
  const ours = await fetch(server.url, {
    method: "POST",
    headers: { ...all, Authorization: `Bearer ${ALICE}` },
    body: JSON.stringify(body),
  });
  const theirs = await reference(new Request(server.url, { method: "POST", headers: all }), {
    parsedBody: body,
  });
  return { ours: await read(ours), theirs: await read(theirs) };
}

describe("2025-era POSTs answer as the SDK's legacy fallback does", () => {
  const cases: Array<[string, unknown, Record<string, string>?]> = [
    ["initialize", INIT],
    ["ping", rpc(1, "ping")],
    ["tools/list", rpc("list", "tools/list")],
    ["a tool call", rpc(2, "tools/call", { name: "devrev_works_get", arguments: { id: "ISS-1" } })],
    ["an unknown tool", rpc(3, "tools/call", { name: "devrev_nope", arguments: {} })],
    ["invalid params", rpc(4, "tools/call", { arguments: {} })],
    ["an unknown method", rpc(5, "tools/frobnicate")],
    ["a notification", { jsonrpc: "2.0", method: "notifications/initialized" }],
    ["a posted response", { jsonrpc: "2.0", id: 9, result: {} }],
    ["a supported protocol version header", rpc(6, "ping"), { "MCP-Protocol-Version": "2025-06-18" }],
    ["an unsupported protocol version header", rpc(7, "ping"), { "MCP-Protocol-Version": "1999-01-01" }],
    ["an Accept without text/event-stream", rpc(8, "ping"), { Accept: "application/json" }],
    [
      "a 2025-03-26 batch",
      [rpc(10, "ping"), rpc(11, "tools/list"), { jsonrpc: "2.0", method: "notifications/initialized" }],
      { "MCP-Protocol-Version": "2025-03-26" },
    ],
    [
      "a batch with initialize",
      [{ ...INIT, params: { ...INIT.params, protocolVersion: "2025-03-26" } }, rpc(12, "ping")],
    ],
  ];
  for (const [what, body, headers] of cases) {
    it(what, async () => {
      const { ours, theirs } = await both(body, headers);
      expect(ours).toEqual(theirs);
    });
  }

  it("sends the head and a single-frame body in one piece, with its length", async () => {
    const res = await fetch(server.url, {
      method: "POST",
      headers: { ...MCP_HEADERS, Authorization: `Bearer ${ALICE}` },
      body: JSON.stringify(rpc(1, "ping")),
    });
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    expect(res.headers.get("cache-control")).toBe("no-cache, no-transform");
    const text = await res.text();
    expect(res.headers.get("content-length")).toBe(String(Buffer.byteLength(text)));
    expect(text).toBe(`event: message\ndata: ${JSON.stringify({ result: {}, jsonrpc: "2.0", id: 1 })}\n\n`);
  });
});
