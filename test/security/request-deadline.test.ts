import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/mcp-server.js";
import { messagesOf, post, rpc } from "../support/rpc.js";

// Issue 10 item 6: with MCP_REQUEST_TIMEOUT_MS=2000 and DevRev hanging, the caller got HTTP 200
// text/event-stream with an unframed JSON body (the SDK client then waited for its own 30 s
// timeout), retries still went to DevRev after the answer, and in a batch the unfinished call was
// never answered. Written at the HTTP level (raw requests and the SDK client) so it holds for any
// MCP transport behind /mcp.

const DEADLINE_MS = 2_000;
// Each DevRev attempt gives up after 1.5 s; without the request's abort, reads would be retried
// (three more attempts) long after the caller had its answer.
const ATTEMPT_MS = 1_500;
const alice = { Authorization: "Bearer sandbox-alice" };
const hangingList = (id: number) =>
  rpc(id, "tools/call", { name: "devrev_works_list", arguments: { limit: 1 } });

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(
    {
      MCP_REQUEST_TIMEOUT_MS: String(DEADLINE_MS),
      DEVREV_API_TIMEOUT_MS: String(ATTEMPT_MS),
      MCP_RATE_LIMIT_RPM: "0",
    },
    // works.list never answers; everything else does.
    { sandboxOptions: { faults: "timeout:1@works.list", timeoutHoldMs: 60_000 } },
  );
  // Validate Alice's PAT first, so only works.list is in the request log below.
  expect((await post(server.origin, "/mcp", rpc(1, "ping"), alice)).status).toBe(200);
});
afterAll(() => server?.close());

const lists = () => server.sandbox.state.requests("works.list").length;

/** Waits past every retry the DevRev client could still send (3 × (attempt + max backoff)). */
const pastAnyRetry = () => new Promise((r) => setTimeout(r, 3 * (ATTEMPT_MS + 500)));

describe("the request deadline", () => {
  it("answers a single call with a 504 JSON-RPC error for its id, and no DevRev call leaves after it", async () => {
    server.sandbox.state.clearRequests();
    const res = await post(server.origin, "/mcp", hangingList(41), alice);
    expect(res.status).toBe(504);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({
      jsonrpc: "2.0",
      id: 41,
      error: { code: -32001, data: { reason: "deadline_exceeded", deadline_ms: DEADLINE_MS } },
    });
    expect(res.body.error.message).toMatch(/MCP_REQUEST_TIMEOUT_MS/);
    const atAnswer = lists();
    expect(atAnswer).toBeGreaterThanOrEqual(1);
    await pastAnyRetry();
    expect(lists()).toBe(atAnswer);
  });

  it("answers every unanswered id of a batch in an SSE frame once the stream is open", async () => {
    server.sandbox.state.clearRequests();
    const res = await post(server.origin, "/mcp", [rpc(1, "tools/list"), hangingList(2), hangingList(3)], {
      ...alice,
      "MCP-Protocol-Version": "2025-03-26",
    });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/event-stream/);
    expect(res.text).toMatch(/event: message\ndata: \{.*"id":2/);
    const answers = messagesOf(res).filter((m) => "id" in m);
    expect(answers.map((m) => m.id).sort()).toEqual([1, 2, 3]);
    expect(answers.find((m) => m.id === 1)?.result).toBeDefined();
    for (const id of [2, 3]) expect(answers.find((m) => m.id === id)?.error).toMatchObject({ code: -32001 });
    const atAnswer = lists();
    await pastAnyRetry();
    expect(lists()).toBe(atAnswer);
  });

  it("reaches the SDK client as an error naming the deadline, not its own request timeout", async () => {
    const client = new Client({ name: "deadline-test", version: "1" });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: alice } }),
    );
    try {
      // The SDK's own timeout is 30 s; the deadline's error must come first and say what happened.
      const call = client.callTool({ name: "devrev_works_list", arguments: { limit: 1 } }, undefined, {
        timeout: 25_000,
      });
      await expect(call).rejects.toThrow(/MCP_REQUEST_TIMEOUT_MS/);
    } finally {
      await client.close();
    }
  });
});
