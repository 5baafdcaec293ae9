import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectClient, startTestServer, type TestServer, textOf } from "../support/mcp-server.js";

// Issue 10 item 9: in static-token mode every caller acts with the server's DevRev token, so "me"
// is that token's owner (as over stdio), looked up once with dev-users.self and cached. Before,
// "me" was the literal user id `static-token`: no open tickets, and creates without an owner failed.

const SHARED = "Zr8kQ2vN5xW1mT7yC4bL9pH3sD6fG0jA";
const BOB = "don:identity:dvrv-us-1:devo/1sandbx:devu/2";
const CLOSED = new Set(["resolved", "canceled", "completed", "wont_fix", "duplicate"]);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    MCP_AUTH_MODE: "static-token",
    MCP_AUTH_TOKEN: SHARED,
    DEVREV_API_TOKEN: "sandbox-bob",
    MCP_TOOLSETS: "works",
  });
});
afterAll(() => server?.close());

describe("static-token identity", () => {
  it('"me" is the owner of DEVREV_API_TOKEN, looked up once for many calls', async () => {
    const store = server.sandbox.state.store;
    expect(store.devUsers.all().find((u) => u.id === BOB)?.email).toBe("bob@acme.test");
    const open = store.works.all().filter((w) => w.owned_by.includes(BOB) && !CLOSED.has(w.stage));
    expect(open.length).toBeGreaterThan(0);
    server.sandbox.state.clearRequests();

    const client = await connectClient(server.url, SHARED);
    try {
      const mine = await client.callTool({ name: "devrev_works_mine", arguments: { limit: 100 } });
      expect(mine.isError, textOf(mine)).toBeFalsy();
      expect((mine.structuredContent as { total_open: number }).total_open).toBe(open.length);

      const created = await client.callTool({
        name: "devrev_works_create",
        arguments: { type: "issue", title: "Filed through the shared token", part: "FEAT-1" },
      });
      expect(created.isError, textOf(created)).toBeFalsy();
      const work = (created.structuredContent as { work: { display_id: string } }).work;
      expect(store.works.get(work.display_id)?.owned_by).toEqual([BOB]);
    } finally {
      await client.close();
    }
    // The owner was looked up once, for the connect and both calls together.
    expect(server.sandbox.state.requests("dev-users.self")).toHaveLength(1);
    const audit = server
      .logRecords()
      .map((r) => r.audit as { event?: string; user_id?: string } | undefined)
      .filter((a) => a?.event === "tool.call");
    expect(audit).toHaveLength(2);
    for (const a of audit) expect(a?.user_id).toBe(BOB);
    expect(server.sandbox.violations()).toEqual([]);
  });
});
