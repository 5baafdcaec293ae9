import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/mcp-server.js";
import { INIT, messagesOf, post, rpc } from "../support/rpc.js";

// A PAT revoked in DevRev after the server validated (and cached) it: the request that discovers
// it answers HTTP 401 with a Bearer challenge, not a 200 carrying a tool error, and the next
// request is refused at the door.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ MCP_AUTH_CACHE_TTL_SECONDS: "3600" });
});
afterAll(() => server?.close());

const bob = { Authorization: "Bearer sandbox-bob" };

describe("a PAT revoked mid-session", () => {
  it("turns the tool call that finds out into an HTTP 401", async () => {
    expect((await post(server.origin, "/mcp", INIT, bob)).status).toBe(200);
    const before = await post(
      server.origin,
      "/mcp",
      rpc(1, "tools/call", { name: "devrev_whoami", arguments: {} }),
      bob,
    );
    expect(messagesOf(before)[0]).toMatchObject({
      result: { structuredContent: { email: "bob@acme.test" } },
    });

    server.sandbox.state.revokeToken("sandbox-bob");
    const during = await post(
      server.origin,
      "/mcp",
      rpc(2, "tools/call", { name: "devrev_works_list", arguments: {} }),
      bob,
    );
    expect(during.status).toBe(401);
    expect(during.headers["www-authenticate"]).toMatch(/^Bearer realm="devrev-mcp", error="invalid_token"/);
    expect(during.body).toMatchObject({ jsonrpc: "2.0", error: { data: { reason: "token_revoked" } } });

    const after = await post(server.origin, "/mcp", INIT, bob);
    expect(after.status).toBe(401);
    expect(after.body.error.data).toEqual({ reason: "token_revoked" });
  });

  it("leaves other callers untouched", async () => {
    const alice = await post(
      server.origin,
      "/mcp",
      rpc(3, "tools/call", { name: "devrev_works_list", arguments: { limit: 1 } }),
      {
        Authorization: "Bearer sandbox-alice",
      },
    );
    expect(alice.status).toBe(200);
    expect(messagesOf(alice)[0]?.result).toBeDefined();
  });
});
