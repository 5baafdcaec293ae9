import { describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/mcp-server.js";
import { messagesOf, post, rpc } from "../support/rpc.js";

// Issue 10 item 3: five POSTs carrying JSON-RPC batches of 100 tool calls ran 500 tool calls and
// 500 DevRev calls under MCP_RATE_LIMIT_RPM=5. Batches exist only in protocol 2025-03-26: refused
// under every other version, and where accepted every message counts against the limit.

const alice = { Authorization: "Bearer sandbox-alice" };
const listCall = (id: number) =>
  rpc(id, "tools/call", { name: "devrev_works_list", arguments: { limit: 1 } });
const batchOf = (n: number, from = 1) => Array.from({ length: n }, (_, i) => listCall(from + i));

async function withServer(run: (s: TestServer, lists: () => number) => Promise<void>) {
  const s = await startTestServer({ MCP_RATE_LIMIT_RPM: "5" });
  try {
    await run(s, () => s.sandbox.state.requests("works.list").length);
  } finally {
    await s.close();
  }
}

describe("JSON-RPC batches", () => {
  it.each(["2025-06-18", "2025-11-25"])("are refused under protocol %s, running nothing", async (version) => {
    await withServer(async (s, lists) => {
      const res = await post(s.origin, "/mcp", batchOf(100), { ...alice, "MCP-Protocol-Version": version });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe(-32600);
      expect(res.body.error.message).toMatch(
        /batches are not part of MCP protocol .* one JSON-RPC message per HTTP request/,
      );
      expect(res.body.error.data).toEqual({ reason: "batch_not_supported", protocol_version: version });
      expect(lists()).toBe(0);
    });
  });

  it("take the version from an initialize in the batch when there is no header", async () => {
    await withServer(async (s) => {
      const init = rpc(0, "initialize", {
        protocolVersion: "2025-06-18",
        capabilities: {},
        clientInfo: { name: "batcher", version: "1" },
      });
      const res = await post(s.origin, "/mcp", [init, listCall(1)], alice);
      expect(res.status).toBe(400);
      expect(res.body.error.data.protocol_version).toBe("2025-06-18");
    });
  });

  it("count every message under 2025-03-26: five batches of 100 run at most the limit's 5 calls", async () => {
    await withServer(async (s, lists) => {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await post(s.origin, "/mcp", batchOf(100, i * 100), {
          ...alice,
          "MCP-Protocol-Version": "2025-03-26",
        });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([429, 429, 429, 429, 429]);
      expect(lists()).toBe(0);
      const refused = await post(s.origin, "/mcp", listCall(900), {
        ...alice,
        "MCP-Protocol-Version": "2025-03-26",
      });
      expect(refused.status).toBe(429);
    });
  });

  it("run a batch within the limit, each message counted", async () => {
    await withServer(async (s, lists) => {
      const headers = { ...alice, "MCP-Protocol-Version": "2025-03-26" };
      const res = await post(s.origin, "/mcp", batchOf(4), headers);
      expect(res.status).toBe(200);
      const answers = messagesOf(res).filter((m) => "id" in m);
      expect(answers.map((m) => m.id).sort()).toEqual([1, 2, 3, 4]);
      expect(lists()).toBe(4);
      // 4 of 5 used: a batch of two goes over, and none of it runs.
      expect((await post(s.origin, "/mcp", batchOf(2, 10), headers)).status).toBe(429);
      expect(lists()).toBe(4);
    });
  });
});
