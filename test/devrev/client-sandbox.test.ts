import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDevRevClient, unwrap } from "../../app/devrev/client.js";
import { collect } from "../../app/devrev/paginate.js";
import { startValidatedSandbox, type ValidatedSandbox } from "../support/sandbox.js";

// The client against the sandbox's injected faults and real pagination.

let sandbox: ValidatedSandbox;
beforeAll(async () => {
  sandbox = await startValidatedSandbox({ faultSeed: 7, retryAfterSeconds: 0 });
});
afterAll(() => sandbox?.close());

// The per-attempt timeout is far above any answer time on a loaded machine: an attempt abandoned
// by the client after the sandbox answered 200 would be retried and counted twice, and these tests
// are about 429/503 handling, not about timeouts (client-retries.test.ts covers those).
const client = () =>
  createDevRevClient({
    baseUrl: sandbox.url,
    token: "sandbox-alice",
    retry: { maxRetries: 6, baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 30_000 },
  });

describe("DevRev client against the sandbox", () => {
  it("retries reads through 429s and 503s until they succeed", async () => {
    sandbox.state.setFaults("429:0.3,503:0.3@works.list");
    sandbox.state.clearRequests();
    for (let i = 0; i < 10; i++) {
      const { works } = await unwrap(client().api.POST("/works.list", { body: { limit: 2 } }));
      expect(works).toHaveLength(2);
    }
    const log = sandbox.state.requests("works.list");
    expect(log.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    expect(log.filter((r) => r.status === 503).length).toBeGreaterThan(0);
    // One success per call, plus any attempt that a loaded machine timed out and retried though
    // the sandbox did answer it (seen at a load average of 23): a read may be sent twice.
    expect(log.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(10);
    sandbox.state.setFaults(undefined);
  });

  it("does not retry a create that failed with 503, and creates nothing", async () => {
    sandbox.state.setFaults("503:1@works.create");
    sandbox.state.clearRequests();
    const before = sandbox.state.counts().issues;
    const err = await unwrap(
      client().api.POST("/works.create", {
        body: {
          type: "issue",
          title: "never twice",
          applies_to_part: "PROD-1",
          owned_by: ["don:identity:dvrv-us-1:devo/1sandbx:devu/1"],
        },
      }),
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "server_error", status: 503, attempts: 1 });
    expect(sandbox.state.requests("works.create")).toHaveLength(1);
    expect(sandbox.state.counts().issues).toBe(before);
    sandbox.state.setFaults(undefined);
  });

  it("pages through every ticket with cursors, and collect() stops at its bound", async () => {
    const c = client();
    const page = async (cursor: string | undefined) => {
      const res = await unwrap(
        c.api.POST("/works.list", { body: { type: ["ticket"], limit: 7, ...(cursor ? { cursor } : {}) } }),
      );
      return { items: res.works, nextCursor: res.next_cursor };
    };
    const all = await collect(page, { maxItems: 1_000, maxPages: 50 });
    expect(all.truncated).toBe(false);
    expect(new Set(all.items.map((w) => w.id)).size).toBe(all.items.length);
    expect(all.items.length).toBe(sandbox.state.counts().tickets);

    const bounded = await collect(page, { maxItems: 10, maxPages: 50 });
    expect(bounded.items).toHaveLength(10);
    expect(bounded.truncated).toBe(true);
    const fewPages = await collect(page, { maxItems: 1_000, maxPages: 2 });
    expect(fewPages.items).toHaveLength(14);
    expect(fewPages.nextCursor).toBeTruthy();
    expect(sandbox.violations()).toEqual([]);
  });
});
