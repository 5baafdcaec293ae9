import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/mcp-server.js";
import { INIT, messagesOf, post } from "../support/rpc.js";
import { startScriptedServer } from "../support/scripted-server.js";

// RFC 6750 at the front door: who gets 401, 403 or 503, with which headers and bodies.

const REALM = 'Bearer realm="devrev-mcp"';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ MCP_AUTH_ALLOWED_DOMAINS: "acme.test", MCP_AUTH_CACHE_TTL_SECONDS: "1" });
});
afterAll(async () => {
  expect(server.logs.join("")).not.toMatch(/sandbox-(alice|bob|eve)|not-a-real-pat/);
  await server?.close();
});

async function init(headers: Record<string, string>) {
  return post(server.origin, "/mcp", INIT, headers);
}

describe("authentication matrix (devrev-pat)", () => {
  it("401 without a header, with a realm challenge and no error code", async () => {
    const res = await init({});
    expect(res.status).toBe(401);
    expect(res.headers["www-authenticate"]).toBe(REALM);
    expect(res.body).toMatchObject({
      jsonrpc: "2.0",
      error: { code: -32000, message: expect.stringMatching(/Authorization: Bearer/) },
    });
  });

  it("401 for another scheme and for an empty bearer token", async () => {
    const basic = await init({ Authorization: "Basic YWxpY2U6cHc=" });
    expect(basic.status).toBe(401);
    expect(basic.headers["www-authenticate"]).toBe(REALM);
    const empty = await init({ Authorization: "Bearer   " });
    expect(empty.status).toBe(401);
    expect(empty.headers["www-authenticate"]).toBe(REALM);
  });

  it("401 invalid_token for a token DevRev does not know", async () => {
    const res = await init({ Authorization: "Bearer not-a-real-pat" });
    expect(res.status).toBe(401);
    expect(res.headers["www-authenticate"]).toMatch(/^Bearer realm="devrev-mcp", error="invalid_token"/);
    expect(JSON.stringify(res.body)).not.toContain("not-a-real-pat");
  });

  it("403 for a valid PAT outside the allowed domains", async () => {
    const res = await init({ Authorization: "Bearer sandbox-eve" });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/eve@other\.test.*MCP_AUTH_ALLOWED_DOMAINS/);
  });

  it("lets alice and bob in", async () => {
    for (const token of ["sandbox-alice", "sandbox-bob"]) {
      const res = await init({ Authorization: `Bearer ${token}` });
      expect(res.status).toBe(200);
      expect(messagesOf(res)[0]).toMatchObject({ result: { serverInfo: { name: "devrev-mcp-server" } } });
    }
  });

  it("401 token_revoked once a revoked PAT's cache entry expires", async () => {
    const ok = await init({ Authorization: "Bearer sandbox-bob" });
    expect(ok.status).toBe(200);
    server.sandbox.state.revokeToken("sandbox-bob");
    await new Promise((r) => setTimeout(r, 1_100));
    const res = await init({ Authorization: "Bearer sandbox-bob" });
    expect(res.status).toBe(401);
    expect(res.headers["www-authenticate"]).toMatch(/error="invalid_token"/);
    expect(res.body.error.data).toEqual({ reason: "token_revoked" });
  });

  it("audits failures with the reason and a token hash, never the token", () => {
    const failures = server
      .logRecords()
      .filter((r) => r.message === "audit")
      .map((r) => r.audit as Record<string, unknown>)
      .filter((a) => a.event === "auth.failure");
    const reasons = failures.map((a) => a.reason);
    expect(reasons).toEqual(
      expect.arrayContaining([
        "missing_token",
        "wrong_scheme",
        "empty_token",
        "invalid_token",
        "domain_not_allowed",
        "token_revoked",
      ]),
    );
    const withToken = failures.find((a) => a.reason === "invalid_token");
    expect(withToken?.token_hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(withToken).toMatchObject({ client_ip: expect.any(String), auth_mode: "devrev-pat" });
  });

  it("does not need a token for /health", async () => {
    expect((await request(server.origin).get("/health")).status).toBe(200);
  });
});

describe("when DevRev cannot answer", () => {
  it("answers 503 with Retry-After, not 401, when DevRev is unreachable", async () => {
    const gone = await startScriptedServer();
    const url = gone.url;
    await gone.close();
    const s = await startTestServer({ DEVREV_API_BASE_URL: url });
    try {
      const res = await post(s.origin, "/mcp", INIT, { Authorization: "Bearer sandbox-alice" });
      expect(res.status).toBe(503);
      expect(res.headers["retry-after"]).toBe("5");
      expect(res.headers["www-authenticate"]).toBeUndefined();
      expect(res.body.error.message).toMatch(/not a problem with your token/);
    } finally {
      await s.close();
    }
  });

  it("answers 503 when DevRev fails with 5xx while validating", async () => {
    const broken = await startScriptedServer();
    broken.script("/dev-users.self", [{ status: 500 }, { status: 500 }]);
    const s = await startTestServer({ DEVREV_API_BASE_URL: broken.url });
    try {
      const res = await post(s.origin, "/mcp", INIT, { Authorization: "Bearer sandbox-alice" });
      expect(res.status).toBe(503);
      expect(res.headers["retry-after"]).toBeDefined();
    } finally {
      await s.close();
      await broken.close();
    }
  });
});

describe("static-token mode", () => {
  it("accepts only the shared token, compared in constant time, and calls DevRev with the server's PAT", async () => {
    const shared = "q3Vx9ZkP2mW7tLr4yB8nC1sJ6dF0hG5a";
    const s = await startTestServer({
      MCP_AUTH_MODE: "static-token",
      MCP_AUTH_TOKEN: shared,
      DEVREV_API_TOKEN: "sandbox-bob",
    });
    try {
      expect(
        (await post(s.origin, "/mcp", INIT, { Authorization: "Bearer wrong-token-of-some-length" })).status,
      ).toBe(401);
      expect((await post(s.origin, "/mcp", INIT, {})).status).toBe(401);
      const ok = await post(s.origin, "/mcp", INIT, { Authorization: `Bearer ${shared}` });
      expect(ok.status).toBe(200);
      expect(s.logs.join("")).not.toContain(shared);
    } finally {
      await s.close();
    }
  });
});
