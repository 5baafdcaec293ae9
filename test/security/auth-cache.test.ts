import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenHash } from "../../app/util/token-hash.js";
import { startTestServer, type TestServer } from "../support/mcp-server.js";
import { INIT, post } from "../support/rpc.js";

// The identity cache: one upstream validation per token per TTL, however many requests race.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    MCP_AUTH_CACHE_TTL_SECONDS: "1",
    MCP_RATE_LIMIT_RPM: "0",
    MCP_RATE_LIMIT_UNAUTHENTICATED_RPM: "0",
  });
});
afterAll(() => server?.close());

const validations = (token: string) =>
  server.sandbox.state.requests("dev-users.self").filter((r) => r.token_sha256 === tokenHash(token)).length;

describe("PAT validation cache", () => {
  it("shares one dev-users.self call among 100 concurrent first requests", async () => {
    // A TTL longer than the burst, so only the single-flight can explain one call.
    const s = await startTestServer({ MCP_RATE_LIMIT_RPM: "0" }, { sandbox: server.sandbox });
    try {
      const results = await Promise.all(
        Array.from({ length: 100 }, () =>
          post(s.origin, "/mcp", INIT, { Authorization: "Bearer sandbox-bob" }),
        ),
      );
      expect(results.every((r) => r.status === 200)).toBe(true);
      expect(validations("sandbox-bob")).toBe(1);
    } finally {
      await s.close();
    }
  });

  it("re-validates after the TTL", async () => {
    await post(server.origin, "/mcp", INIT, { Authorization: "Bearer sandbox-alice" });
    await post(server.origin, "/mcp", INIT, { Authorization: "Bearer sandbox-alice" });
    expect(validations("sandbox-alice")).toBe(1);
    await new Promise((r) => setTimeout(r, 1_100));
    await post(server.origin, "/mcp", INIT, { Authorization: "Bearer sandbox-alice" });
    expect(validations("sandbox-alice")).toBe(2);
  });

  it("remembers a refused token briefly, so a flood of bad tokens is not a flood of DevRev calls", async () => {
    const bad = "definitely-not-a-pat";
    const results = await Promise.all(
      Array.from({ length: 20 }, () => post(server.origin, "/mcp", INIT, { Authorization: `Bearer ${bad}` })),
    );
    expect(results.every((r) => r.status === 401)).toBe(true);
    await post(server.origin, "/mcp", INIT, { Authorization: `Bearer ${bad}` });
    expect(validations(bad)).toBe(1);
  });
});
