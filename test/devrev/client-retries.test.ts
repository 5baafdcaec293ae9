import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDevRevClient, unwrap } from "../../app/devrev/client.js";
import { DevRevError } from "../../app/devrev/errors.js";
import { type ScriptedServer, startScriptedServer } from "../support/scripted-server.js";

// Exact retry behaviour over real HTTP: which failures are retried, for which operations.

let upstream: ScriptedServer;
beforeAll(async () => {
  upstream = await startScriptedServer();
});
afterAll(() => upstream.close());
beforeEach(() => {
  upstream.hits.length = 0;
});

const client = (retry = {}) =>
  createDevRevClient({
    baseUrl: upstream.url,
    token: "test-token",
    retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 300, ...retry },
  });
const user = { dev_user: { id: "don:identity:dvrv-us-1:devo/1:devu/1", type: "dev_user" } };
const hitsOn = (path: string) => upstream.hits.filter((h) => h.path === path).length;

describe("DevRev client retries", () => {
  it("sends POST with the caller's bearer token and the API version", async () => {
    upstream.script("/dev-users.self", [{ status: 200, body: user }]);
    await unwrap(client().api.POST("/dev-users.self", { body: {} }));
    expect(upstream.hits[0]).toMatchObject({
      path: "/dev-users.self",
      body: "{}",
      authorization: "Bearer test-token",
    });
  });

  it("waits out Retry-After on 429 and then succeeds, for reads", async () => {
    upstream.script("/dev-users.self", [
      { status: 429, body: { type: "too_many_requests" }, headers: { "retry-after": "0" } },
      { status: 200, body: user },
    ]);
    const res = await unwrap(client().api.POST("/dev-users.self", { body: {} }));
    expect(res.dev_user.id).toBe(user.dev_user.id);
    expect(hitsOn("/dev-users.self")).toBe(2);
  });

  it("retries 503 and broken connections for reads, up to the bound", async () => {
    upstream.script("/works.list", [
      { status: 503 },
      { reset: true },
      { status: 500 },
      { status: 200, body: { works: [] } },
    ]);
    await unwrap(client().api.POST("/works.list", { body: {} }));
    expect(hitsOn("/works.list")).toBe(4);

    upstream.script("/works.list", [
      { status: 503 },
      { status: 503 },
      { status: 503 },
      { status: 503 },
      { status: 200 },
    ]);
    const err = await unwrap(client().api.POST("/works.list", { body: {} })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DevRevError);
    expect(err).toMatchObject({ kind: "server_error", status: 503, attempts: 4 });
  });

  it("retries a timed-out read", async () => {
    upstream.script("/works.get", [
      { delayMs: 600, status: 200 },
      { status: 200, body: { work: {} } },
    ]);
    await unwrap(client().api.POST("/works.get", { body: { id: "TKT-1" } }));
    expect(hitsOn("/works.get")).toBe(2);
  });

  it("never resends a create after a 5xx, a reset or a timeout", async () => {
    const body = { type: "issue" as const, title: "t", applies_to_part: "p", owned_by: ["u"] };
    upstream.script("/works.create", [{ status: 503 }]);
    await expect(unwrap(client().api.POST("/works.create", { body }))).rejects.toMatchObject({
      kind: "server_error",
    });
    upstream.script("/works.create", [{ reset: true }]);
    await expect(unwrap(client().api.POST("/works.create", { body }))).rejects.toMatchObject({
      kind: "network",
    });
    upstream.script("/works.create", [{ delayMs: 600, status: 201 }]);
    await expect(unwrap(client().api.POST("/works.create", { body }))).rejects.toMatchObject({
      kind: "timeout",
    });
    expect(hitsOn("/works.create")).toBe(3);
  });

  it("resends a create refused with 429, which DevRev did not process", async () => {
    upstream.script("/works.create", [
      { status: 429, headers: { "retry-after": "0" }, body: { type: "too_many_requests" } },
      { status: 201, body: { work: { id: "w" } } },
    ]);
    const body = { type: "issue" as const, title: "t", applies_to_part: "p", owned_by: ["u"] };
    await unwrap(client().api.POST("/works.create", { body }));
    expect(hitsOn("/works.create")).toBe(2);
  });

  it("gives up at once when Retry-After is longer than it will wait, keeping the delay", async () => {
    upstream.script("/works.list", [
      { status: 429, headers: { "retry-after": "120" }, body: { type: "too_many_requests" } },
    ]);
    const err = await unwrap(client().api.POST("/works.list", { body: {} })).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "rate_limited", retryAfterSeconds: 120 });
    expect(hitsOn("/works.list")).toBe(1);
  });

  it("keeps DevRev's error type, message and field", async () => {
    upstream.script("/works.update", [
      {
        status: 400,
        body: { type: "missing_required_field", message: "type is required", field_name: "type" },
      },
    ]);
    const err = await unwrap(client().api.POST("/works.update", { body: { id: "x", type: "issue" } })).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({
      kind: "bad_request",
      status: 400,
      type: "missing_required_field",
      fieldName: "type",
      upstreamMessage: "type is required",
    });
    expect(String(err)).not.toContain("test-token");
  });
});
