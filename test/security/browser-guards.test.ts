import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/mcp-server.js";
import { INIT, post } from "../support/rpc.js";

// DNS-rebinding and browser protection, and request hygiene.

const alice = { Authorization: "Bearer sandbox-alice" };

describe("on loopback with no lists (the local default)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ MCP_MAX_BODY_BYTES: "2048" });
  });
  afterAll(() => server?.close());

  it("accepts localhost names and refuses another Host (DNS rebinding)", async () => {
    expect((await post(server.origin, "/mcp", INIT, { ...alice, Host: "localhost:8080" })).status).toBe(200);
    const rebound = await post(server.origin, "/mcp", INIT, { ...alice, Host: "evil.example:8080" });
    expect(rebound.status).toBe(403);
    expect(rebound.body.error.message).toMatch(/Host .* is not allowed/);
  });

  it("refuses a foreign Origin and accepts a local one", async () => {
    const foreign = await post(server.origin, "/mcp", INIT, { ...alice, Origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.message).toMatch(/Origin .* is not allowed/);
    expect(
      (await post(server.origin, "/mcp", INIT, { ...alice, Origin: "http://localhost:6274" })).status,
    ).toBe(200);
  });

  it("answers 413 with a JSON-RPC error for an oversized body", async () => {
    const big = { ...INIT, params: { ...INIT.params, padding: "x".repeat(5_000) } };
    const res = await post(server.origin, "/mcp", big, alice);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ jsonrpc: "2.0", error: { code: -32600 } });
  });

  it("sets security headers", async () => {
    const res = await post(server.origin, "/mcp", INIT, alice);
    expect(res.headers).toMatchObject({
      "x-frame-options": "DENY",
      "referrer-policy": "no-referrer",
      "x-content-type-options": "nosniff",
    });
    // SSE responses say no-cache themselves; everything else is no-store.
    expect(res.headers["cache-control"]).toMatch(/no-(store|cache)/);
    expect((await request(server.origin).get("/health")).headers["cache-control"]).toBe("no-store");
    expect(res.headers["x-powered-by"]).toBeUndefined();
  });
});

describe("with explicit allow-lists (as on Cloud Run)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      MCP_ALLOWED_HOSTS: "mcp.example.com",
      MCP_CORS_ALLOWED_ORIGINS: "https://app.example.com",
    });
  });
  afterAll(() => server?.close());

  it("refuses a Host outside the list, accepts one in it", async () => {
    expect((await post(server.origin, "/mcp", INIT, { ...alice, Host: "localhost" })).status).toBe(403);
    expect((await post(server.origin, "/mcp", INIT, { ...alice, Host: "mcp.example.com" })).status).toBe(200);
  });

  it("answers CORS preflight without a token and exposes the MCP headers", async () => {
    const res = await request(server.origin).options("/mcp").set({
      Host: "mcp.example.com",
      Origin: "https://app.example.com",
      "Access-Control-Request-Method": "POST",
    });
    expect(res.status).toBe(204);
    expect(res.headers["access-control-allow-origin"]).toBe("https://app.example.com");
    const actual = await post(server.origin, "/mcp", INIT, {
      ...alice,
      Host: "mcp.example.com",
      Origin: "https://app.example.com",
    });
    expect(actual.headers["access-control-expose-headers"]).toMatch(/Mcp-Session-Id/);
    expect(actual.headers["access-control-expose-headers"]).toMatch(/WWW-Authenticate/);
  });

  it("can turn the Host check off, a documented risk", async () => {
    const s = await startTestServer(
      { MCP_ALLOWED_HOSTS: "mcp.example.com", MCP_ENABLE_DNS_REBINDING_PROTECTION: "false" },
      { sandbox: server.sandbox },
    );
    try {
      expect((await post(s.origin, "/mcp", INIT, { ...alice, Host: "anything.example" })).status).toBe(200);
    } finally {
      await s.close();
    }
  });
});
