import { describe, expect, it } from "vitest";
import { RequestBudget, RequestBudgetExceeded } from "../../app/devrev/request-budget.js";

/** A fake DevRev call that stays in flight until released, counting how many are in flight at once. */
function gate() {
  let inFlight = 0;
  let peak = 0;
  const waiting: Array<() => void> = [];
  return {
    call: () =>
      new Promise<string>((resolve) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        waiting.push(() => {
          inFlight--;
          resolve("ok");
        });
      }),
    /** Answers every call in flight, turn after turn, until `done` settles. */
    async releaseUntil(done: Promise<unknown>) {
      let settled = false;
      void done.then(
        () => (settled = true),
        () => (settled = true),
      );
      while (!settled) {
        for (const release of waiting.splice(0)) release();
        await new Promise((r) => setImmediate(r));
      }
    },
    get peak() {
      return peak;
    },
  };
}

describe("RequestBudget", () => {
  it("runs at most maxConcurrent calls at once and the rest in turn", async () => {
    const budget = new RequestBudget({ maxCalls: 20, maxConcurrent: 3 });
    const g = gate();
    const all = Promise.all(Array.from({ length: 10 }, () => budget.run(g.call)));
    await g.releaseUntil(all);
    expect(await all).toHaveLength(10);
    expect(g.peak).toBe(3);
    expect(budget.callsUsed).toBe(10);
  });

  it("refuses the call past maxCalls without running it", async () => {
    const budget = new RequestBudget({ maxCalls: 2, maxConcurrent: 8 });
    let ran = 0;
    const call = async () => ++ran;
    await budget.run(call);
    await budget.run(call);
    await expect(budget.run(call)).rejects.toThrow(/more than 2 DevRev calls/);
    expect(ran).toBe(2);
  });

  it("memoises by key, failures included", async () => {
    const budget = new RequestBudget();
    let loads = 0;
    const load = async () => {
      loads++;
      throw new Error("nope");
    };
    await expect(budget.memo("k", load)).rejects.toThrow("nope");
    await expect(budget.memo("k", load)).rejects.toThrow("nope");
    expect(loads).toBe(1);
  });

  it("refuses an argument whose unresolved values cannot fit, before any call, naming it", async () => {
    const budget = new RequestBudget({ maxCalls: 5, maxConcurrent: 2 });
    let ran = 0;
    const resolve = (v: string) => budget.run(async () => `${v}!${++ran}`);
    expect(await budget.resolveEach("part", ["a", "b", "a"], (v) => v, resolve)).toEqual([
      "a!1",
      "b!2",
      "a!1",
    ]);
    // a and b are known: only c, d, e and f are new, and 2 + 4 > 5.
    const refused = budget.resolveEach("tags", ["a", "b", "c", "d", "e", "f"], (v) => v, resolve);
    await expect(refused).rejects.toThrow(
      /^tags: resolving its 4 values would need more than the 5 DevRev calls one request may make \(2 already used/,
    );
    await expect(refused).rejects.toBeInstanceOf(RequestBudgetExceeded);
    expect(ran).toBe(2);
  });

  it("names the argument whose resolution ran out of budget midway", async () => {
    const budget = new RequestBudget({ maxCalls: 3, maxConcurrent: 2 });
    // Each value takes two calls: the up-front check counts one, the second runs out.
    const resolve = async (v: string) => {
      await budget.run(async () => v);
      return budget.run(async () => v);
    };
    await expect(budget.resolveEach("owned_by", ["x", "y"], (v) => v, resolve)).rejects.toThrow(
      /^owned_by: /,
    );
  });

  it("drops calls still queued when the request has answered", async () => {
    const budget = new RequestBudget({ maxCalls: 10, maxConcurrent: 1 });
    const g = gate();
    const first = budget.run(g.call);
    let sent = 0;
    const queued = expect(budget.run(async () => ++sent)).rejects.toThrow(
      /answered before this DevRev call was sent/,
    );
    // The first call is sent on the next turn; the second waits for its slot.
    await new Promise((r) => setImmediate(r));
    budget.close();
    await g.releaseUntil(first);
    expect(await first).toBe("ok");
    await queued;
    expect(sent).toBe(0);
  });
});
