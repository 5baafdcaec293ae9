import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../../app/sandbox/index.js";
import { caller } from "./client.js";

let sb: RunningSandbox;
let call: ReturnType<typeof caller>;
beforeAll(async () => {
  sb = await startSandbox();
  call = caller(sb.url);
});
afterAll(() => sb.close());

describe("cursor pagination", () => {
  it("walks every ticket across pages without repeats, ending without next_cursor", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const r = await call("works.list", { type: ["ticket"], limit: 25, ...(cursor ? { cursor } : {}) });
      expect(r.status).toBe(200);
      seen.push(...r.body.works.map((w) => w.display_id ?? ""));
      cursor = r.body.next_cursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
  });

  it("defaults to 50, clamps limits above 100 and refuses non-positive limits", async () => {
    expect((await call("works.list", {})).body.works).toHaveLength(50);
    expect((await call("works.list", { limit: 1000 })).body.works).toHaveLength(100);
    const bad = await call("works.list", { limit: 0 });
    expect(bad.status).toBe(400);
    expect(bad.error).toMatchObject({ type: "invalid_field", field_name: "limit" });
  });

  it("pages backwards with prev_cursor and mode=before", async () => {
    const first = await call("works.list", { limit: 10 });
    const second = await call("works.list", { limit: 10, cursor: first.body.next_cursor });
    expect(first.body.prev_cursor).toBeUndefined();
    expect(second.body.prev_cursor).toBeDefined();
    const back = await call("works.list", { limit: 10, cursor: second.body.prev_cursor, mode: "before" });
    expect(back.body.works.map((w) => w.id)).toEqual(first.body.works.map((w) => w.id));
  });

  it("treats cursors as opaque and refuses forged ones", async () => {
    const r = await call("works.list", { cursor: "not-a-cursor" });
    expect(r.status).toBe(400);
    expect(r.error.type).toBe("bad_request");
  });

  it("paginates the other lists too", async () => {
    const timeline = await call("timeline-entries.list", { object: "TKT-2", limit: 1 });
    expect(timeline.body.timeline_entries).toHaveLength(1);
    expect(timeline.body.next_cursor).toBeDefined();
    const stages = await call("stages.custom.list", { limit: 5 });
    expect(stages.body.result).toHaveLength(5);
    // These operations call their next-page cursor plain `cursor`.
    expect(stages.body.cursor).toBeDefined();
    const more = await call("stages.custom.list", { limit: 5, cursor: stages.body.cursor });
    expect(more.body.result[0]?.id).not.toBe(stages.body.result[0]?.id);
  });
});
