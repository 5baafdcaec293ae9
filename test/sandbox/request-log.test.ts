import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RequestLogEntry, type RunningSandbox, startSandbox } from "../../app/sandbox/index.js";
import { tokenHash } from "../../app/util/token-hash.js";
import { caller } from "./client.js";

let sb: RunningSandbox;
beforeAll(async () => {
  sb = await startSandbox({ requestLogSize: 20 });
});
afterAll(() => sb.close());

async function httpLog(query = ""): Promise<RequestLogEntry[]> {
  const res = await fetch(`${sb.url}/_sandbox/requests${query}`);
  return ((await res.json()) as { requests: RequestLogEntry[] }).requests;
}

describe("request log", () => {
  it("records op, status, timing and the token hash, and filters by op over HTTP", async () => {
    await caller(sb.url, "sandbox-bob")("works.list", { limit: 1 });
    await caller(sb.url, "sandbox-eve")("works.get", { id: "TKT-404" });
    const all = await httpLog();
    expect(all.map((e) => [e.op, e.status])).toEqual([
      ["works.list", 200],
      ["works.get", 404],
    ]);
    const [list] = all;
    expect(list).toMatchObject({ method: "POST", token_sha256: tokenHash("sandbox-bob") });
    expect(list?.seq).toBeLessThan(all[1]?.seq ?? 0);
    expect(list?.duration_ms).toBeGreaterThanOrEqual(0);
    expect(Date.parse(list?.at ?? "")).not.toBeNaN();
    expect((await httpLog("?op=works.get")).map((e) => e.token_sha256)).toEqual([tokenHash("sandbox-eve")]);
  });

  it("does not log test controls or health checks, and clears over HTTP", async () => {
    await fetch(`${sb.url}/health`);
    await fetch(`${sb.url}/_sandbox/stats`);
    expect((await httpLog()).every((e) => !e.op.startsWith("_sandbox") && e.op !== "health")).toBe(true);
    expect((await fetch(`${sb.url}/_sandbox/requests`, { method: "DELETE" })).status).toBe(200);
    expect(await httpLog()).toEqual([]);
  });

  it("is bounded", async () => {
    const call = caller(sb.url);
    for (let i = 0; i < 45; i++) await call("tags.list", { limit: 1 });
    const entries = sb.state.requests();
    expect(entries).toHaveLength(20);
    expect(entries.at(-1)?.seq).toBeGreaterThan(entries[0]?.seq ?? 0);
  });
});
