import { afterEach, describe, expect, it } from "vitest";
import { parseFaults, type RunningSandbox, startSandbox } from "../../app/sandbox/index.js";
import { caller } from "./client.js";

let sb: RunningSandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

async function start(opts: Parameters<typeof startSandbox>[0]) {
  sb = await startSandbox(opts);
  return { sb, call: caller(sb.url) };
}

describe("fault injection", () => {
  it("parses the SANDBOX_FAULTS format and refuses nonsense", () => {
    expect(parseFaults("429:0.1, 500:0.05,timeout:0.02@works.create|works.update")).toEqual([
      { kind: "429", probability: 0.1 },
      { kind: "500", probability: 0.05 },
      { kind: "timeout", probability: 0.02, ops: ["works.create", "works.update"] },
    ]);
    expect(parseFaults(undefined)).toEqual([]);
    expect(() => parseFaults("418:0.5")).toThrow(/invalid fault/);
    expect(() => parseFaults("429:2")).toThrow(/invalid fault/);
  });

  it("answers 429 with Retry-After and retry_after", async () => {
    const { call } = await start({ faults: "429:1" });
    const r = await call("works.list");
    expect(r.status).toBe(429);
    expect(r.headers.get("retry-after")).toBe("1");
    expect(r.error).toMatchObject({ type: "too_many_requests", retry_after: 1 });
  });

  it("decides before the handler: a failed create creates nothing", async () => {
    const { sb, call } = await start({ faults: "500:1@works.create" });
    const me = (await call("dev-users.self")).body.dev_user.id;
    const before = sb.state.counts().tickets;
    const r = await call("works.create", {
      type: "ticket",
      title: "t",
      applies_to_part: "FEAT-1",
      owned_by: [me],
    });
    expect(r.status).toBe(500);
    expect(r.error.type).toBe("internal_error");
    expect(sb.state.counts().tickets).toBe(before);
    expect(sb.state.requests("works.create")[0]).toMatchObject({ status: 500, fault: "500" });
  });

  it("applies the operation and then drops the connection on lost", async () => {
    const { sb, call } = await start({ faults: "lost:1@works.create" });
    const me = (await call("dev-users.self")).body.dev_user.id;
    const before = sb.state.counts().tickets;
    await expect(
      call("works.create", { type: "ticket", title: "t", applies_to_part: "FEAT-1", owned_by: [me] }),
    ).rejects.toThrow();
    expect(sb.state.counts().tickets).toBe(before + 1);
    expect(sb.state.requests("works.create")[0]).toMatchObject({ status: 0, fault: "lost" });
  });

  it("drops the connection on reset", async () => {
    const { sb, call } = await start({ faults: "reset:1" });
    await expect(call("works.list")).rejects.toThrow();
    expect(sb.state.requests()[0]).toMatchObject({ op: "works.list", status: 0, fault: "reset" });
  });

  it("holds a timeout past the client's patience, then drops it", async () => {
    const { sb } = await start({ faults: "timeout:1", timeoutHoldMs: 200 });
    const started = Date.now();
    const client = fetch(`${sb.url}/works.list`, {
      method: "POST",
      headers: { authorization: "Bearer sandbox-alice" },
      body: "{}",
    });
    await expect(client).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(sb.state.requests()[0]).toMatchObject({ status: 0, fault: "timeout" });
  });

  it("releases held requests on close", async () => {
    const { sb } = await start({ faults: "timeout:1" });
    const client = fetch(`${sb.url}/works.list`, {
      method: "POST",
      headers: { authorization: "Bearer sandbox-bob" },
      body: "{}",
    });
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await sb.close();
    await expect(client).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("is reproducible with a seed and can be changed at run time, also over HTTP", async () => {
    const outcomes = async (seed: number) => {
      const { sb, call } = await start({ faults: "503:0.5", faultSeed: seed });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await call("tags.list")).status);
      await sb.close();
      return statuses;
    };
    const a = await outcomes(7);
    expect(await outcomes(7)).toEqual(a);
    expect(a).toContain(503);
    expect(a).toContain(200);

    const { sb, call } = await start({});
    const set = await fetch(`${sb.url}/_sandbox/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ spec: "503:1" }),
    });
    expect(set.status).toBe(200);
    expect((await call("tags.list")).status).toBe(503);
    const bad = await fetch(`${sb.url}/_sandbox/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ spec: "oops" }),
    });
    expect(bad.status).toBe(400);
  });
});
