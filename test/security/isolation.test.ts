import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenHash } from "../../app/util/token-hash.js";
import { connectClient, startTestServer, type TestServer } from "../support/mcp-server.js";

// Under heavy interleaving, every DevRev call carries the token of the caller who caused it.

let server: TestServer;
let alice: Client;
let bob: Client;

beforeAll(async () => {
  server = await startTestServer({ MCP_RATE_LIMIT_RPM: "0" });
  alice = await connectClient(server.url, "sandbox-alice");
  bob = await connectClient(server.url, "sandbox-bob");
});
afterAll(async () => {
  await alice?.close();
  await bob?.close();
  await server?.close();
});

describe("per-caller token isolation", () => {
  it("keeps alice's and bob's calls apart across 200 interleaved concurrent tool calls", async () => {
    server.sandbox.state.clearRequests();
    // Alice only lists works; Bob only fetches them: each DevRev operation has one rightful caller.
    const calls = Array.from({ length: 200 }, (_, i) =>
      i % 2 === 0
        ? alice
            .callTool({ name: "devrev_works_list", arguments: { limit: 3 } })
            .then((r) => ({ who: "alice", r }))
        : bob.callTool({ name: "devrev_whoami", arguments: {} }).then((r) => ({ who: "bob", r })),
    );
    const results = await Promise.all(calls);
    expect(results.filter((x) => x.r.isError)).toEqual([]);
    for (const { who, r } of results) {
      if (who === "bob") expect((r.structuredContent as { email: string }).email).toBe("bob@acme.test");
    }
    const log = server.sandbox.state.requests();
    const lists = log.filter((e) => e.op === "works.list");
    const selfs = log.filter((e) => e.op === "dev-users.self");
    expect(lists).toHaveLength(100);
    expect(selfs).toHaveLength(100);
    expect(new Set(lists.map((e) => e.token_sha256))).toEqual(new Set([tokenHash("sandbox-alice")]));
    expect(new Set(selfs.map((e) => e.token_sha256))).toEqual(new Set([tokenHash("sandbox-bob")]));
    expect(server.sandbox.violations()).toEqual([]);
  });
});
