import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/mcp-server.js";
import { INIT, messagesOf, post, rpc } from "../support/rpc.js";

// The HTTP edge speaks JSON-RPC errors only: never HTML, never a stack trace.

let server: TestServer;
const auth = { Authorization: "Bearer sandbox-alice" };

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

function expectRpcError(body: unknown, code: number) {
  expect(body).toMatchObject({ jsonrpc: "2.0", error: { code } });
  expect(JSON.stringify(body)).not.toMatch(/at .*\.(js|ts):\d+/);
}

describe("HTTP protocol edge", () => {
  it("answers /health without a token", async () => {
    const res = await request(server.origin).get("/health");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: "ok",
      version: expect.any(String),
      uptime_s: expect.any(Number),
    });
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("answers GET and DELETE on /mcp with 405 and Allow", async () => {
    for (const method of ["get", "delete"] as const) {
      const res = await request(server.origin)[method]("/mcp").set(auth);
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe("POST, OPTIONS");
      expectRpcError(res.body, -32000);
    }
  });

  it("initializes statelessly (no session id) over SSE", async () => {
    const res = await post(server.origin, "/mcp", INIT, auth);
    expect(res.status).toBe(200);
    expect(res.headers["mcp-session-id"]).toBeUndefined();
    const [msg] = messagesOf(res);
    expect(msg).toMatchObject({ id: 0, result: { serverInfo: { name: "devrev-mcp-server" } } });
  });

  it("maps malformed JSON to -32700", async () => {
    const res = await post(server.origin, "/mcp", '{"jsonrpc": "2.0", "method": ', auth);
    expect(res.status).toBe(400);
    expectRpcError(res.body, -32700);
  });

  it("maps an unknown method to -32601", async () => {
    const res = await post(server.origin, "/mcp", rpc(1, "tools/frobnicate"), auth);
    expect(messagesOf(res)[0]).toMatchObject({ id: 1, error: { code: -32601 } });
  });

  it("maps bad params and an unknown tool to -32602", async () => {
    const bad = await post(server.origin, "/mcp", rpc(2, "tools/call", { arguments: {} }), auth);
    expect(messagesOf(bad)[0]).toMatchObject({ id: 2, error: { code: -32602 } });
    const unknown = await post(
      server.origin,
      "/mcp",
      rpc(3, "tools/call", { name: "devrev_nope", arguments: {} }),
      auth,
    );
    expect(messagesOf(unknown)[0]).toMatchObject({
      id: 3,
      error: { code: -32602, message: expect.stringMatching(/Unknown tool: devrev_nope/) },
    });
  });

  it("requires a JSON content type (415)", async () => {
    const res = await request(server.origin)
      .post("/mcp")
      .set(auth)
      .set("Content-Type", "text/plain")
      .send("hello");
    expect(res.status).toBe(415);
    expectRpcError(res.body, -32600);
  });

  it("answers unknown paths with a JSON 404", async () => {
    const res = await request(server.origin).get("/admin");
    expect(res.status).toBe(404);
    expect(res.headers["content-type"]).toMatch(/application\/json/);
  });
});
