import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/mcp-server.js";
import { INIT, post } from "../support/rpc.js";

// Per-identity and per-address limits (per instance), and a forged X-Forwarded-For chain that
// must not reset them: with one trusted proxy hop, only the address that proxy appended counts.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    MCP_RATE_LIMIT_RPM: "5",
    MCP_RATE_LIMIT_UNAUTHENTICATED_RPM: "3",
    MCP_TRUST_PROXY_HOPS: "1",
  });
});
afterAll(() => server?.close());

describe("rate limits", () => {
  it("refuses the (RPM+1)-th request of a user with 429, Retry-After and RateLimit headers", async () => {
    const alice = { Authorization: "Bearer sandbox-alice" };
    for (let i = 0; i < 5; i++) {
      const ok = await post(server.origin, "/mcp", INIT, {
        ...alice,
        "X-Forwarded-For": `10.0.0.${i}, 198.51.100.7`,
      });
      expect(ok.status).toBe(200);
      expect(ok.headers.ratelimit).toMatch(/r=\d+/);
    }
    // A different forged chain, and even a different proxy-appended address: the key is the user.
    const limited = await post(server.origin, "/mcp", INIT, { ...alice, "X-Forwarded-For": "203.0.113.99" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(limited.headers["ratelimit-policy"]).toMatch(/q=5/);
    expect(limited.body.error.message).toMatch(/Too many requests/);
    // Another user is not affected.
    expect((await post(server.origin, "/mcp", INIT, { Authorization: "Bearer sandbox-bob" })).status).toBe(
      200,
    );
  });

  it("throttles token guessing per client address; a forged chain does not reset it", async () => {
    const guess = (i: number) =>
      post(server.origin, "/mcp", INIT, {
        Authorization: `Bearer guess-${i}`,
        "X-Forwarded-For": `192.0.2.${i}, 198.51.100.50`,
      });
    for (let i = 0; i < 3; i++) expect((await guess(i)).status).toBe(401);
    const blocked = await guess(4);
    expect(blocked.status).toBe(429);
    expect(blocked.headers["retry-after"]).toBeDefined();
    expect(server.sandbox.state.requests("dev-users.self").filter((r) => r.status === 401)).toHaveLength(3);
  });

  it("does not count a burst of valid concurrent requests from one address as failures", async () => {
    const s = await startTestServer(
      { MCP_RATE_LIMIT_UNAUTHENTICATED_RPM: "3", MCP_RATE_LIMIT_RPM: "0" },
      { sandbox: server.sandbox },
    );
    try {
      const results = await Promise.all(
        Array.from({ length: 30 }, () =>
          post(s.origin, "/mcp", INIT, { Authorization: "Bearer sandbox-bob" }),
        ),
      );
      expect(results.map((r) => r.status).filter((st) => st !== 200)).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
