import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../../app/sandbox/index.js";
import { caller } from "./client.js";

let sb: RunningSandbox;
let call: ReturnType<typeof caller>;
beforeAll(async () => {
  sb = await startSandbox({ now: () => new Date("2025-03-10T12:00:00Z") });
  call = caller(sb.url);
});
afterAll(() => sb.close());

// What the live API does that the spec does not say (see the spec README).
describe("live-API quirks", () => {
  it("links.list refuses to list without an object", async () => {
    const r = await call("links.list", {});
    expect(r.status).toBe(400);
    expect(r.error).toMatchObject({ type: "missing_required_field", field_name: "object" });
    expect((await call("links.list", { object: "TKT-1" })).body.links.length).toBeGreaterThan(0);
  });

  it("timeline lists mix timeline_change_event entries in with comments", async () => {
    const r = await call("timeline-entries.list", { object: "TKT-1", limit: 100 });
    const types = new Set(r.body.timeline_entries.map((e) => e.type));
    expect(types).toEqual(new Set(["timeline_comment", "timeline_change_event"]));
  });

  it("sort_by takes field:asc|desc and refuses the -field shorthand", async () => {
    const bad = await call("works.list", { sort_by: ["-created_date"] });
    expect(bad.status).toBe(400);
    expect(bad.error.type).toBe("bad_request");
    const asc = await call("works.list", { type: ["ticket"], sort_by: ["created_date:asc"], limit: 3 });
    expect(asc.body.works.map((w) => w.display_id)).toEqual(["TKT-1", "TKT-2", "TKT-3"]);
    const bySeverity = await call("works.list", { type: ["ticket"], sort_by: ["severity:desc"], limit: 1 });
    const top = bySeverity.body.works[0];
    expect(top?.type === "ticket" && top.severity).toBe("blocker");
  });

  it("conversations.list honours sort_by as field:asc|desc and refuses -field", async () => {
    const bad = await call("conversations.list", { sort_by: ["-created_date"] });
    expect(bad.status).toBe(400);
    expect(bad.error.type).toBe("bad_request");
    const ids = async (order: string) =>
      (await call("conversations.list", { sort_by: [`created_date:${order}`] })).body.conversations.map(
        (c) => c.created_date,
      );
    const asc = await ids("asc");
    expect(asc.length).toBeGreaterThan(2);
    expect([...asc].sort()).toEqual(asc);
    expect(await ids("desc")).toEqual([...asc].reverse());
  });

  it("refuses untyped date filters where DevRev's are typed, and applies typed ones", async () => {
    for (const field of ["created_date", "modified_date", "target_close_date"]) {
      const untyped = await call("works.list", { [field]: { after: "2025-01-01T00:00:00Z" } });
      expect(untyped.status, field).toBe(400);
      expect(untyped.error).toMatchObject({ type: "missing_required_field", field_name: `${field}.type` });
    }
    const all = (await call("works.count", {})).body.count;
    expect(all).toBe(100);
    const future = { type: "range", after: "2099-01-01T00:00:00Z" };
    expect((await call("works.list", { created_date: future })).body.works).toHaveLength(0);
    expect((await call("works.list", { modified_date: future })).body.works).toHaveLength(0);
    const cut = "2025-02-01T00:00:00Z";
    const before = (await call("works.count", { created_date: { type: "range", before: cut } })).body.count;
    const after = (await call("works.count", { created_date: { type: "range", after: cut } })).body.count;
    expect(before).toBeGreaterThan(0);
    expect(after).toBeGreaterThan(0);
    expect(before + after).toBe(all);
    const listed = await call("works.list", { created_date: { type: "range", after: cut }, limit: 100 });
    expect(listed.body.works.every((w) => (w.created_date ?? "") >= cut)).toBe(true);
    // Presets count back from the sandbox clock (2025-03-10).
    const week = await call("works.count", {
      created_date: { type: "preset", preset_type: "last_n_days", days: 7 },
    });
    const weekAgo = "2025-03-03T12:00:00.000Z";
    const recent = await call("works.count", { created_date: { type: "range", after: weekAgo } });
    expect(week.body.count).toBe(recent.body.count);
  });

  it("applies untyped date-time filters where DevRev's are untyped, and refuses a type there", async () => {
    const convs = await call("conversations.list", { modified_date: { after: "2099-01-01T00:00:00Z" } });
    expect(convs.body.conversations).toHaveLength(0);
    expect(
      (await call("conversations.list", { modified_date: { before: "2099-01-01T00:00:00Z" } })).body
        .conversations,
    ).toHaveLength(6);
    const typed = await call("conversations.list", {
      modified_date: { type: "range", after: "2025-01-01T00:00:00Z" },
    });
    expect(typed.error).toMatchObject({ type: "invalid_field", field_name: "modified_date.type" });
  });

  it("works.update needs type alongside id", async () => {
    const r = await call("works.update", { id: "TKT-1", title: "renamed" });
    expect(r.error).toMatchObject({ type: "missing_required_field", field_name: "type" });
    const wrong = await call("works.update", { id: "TKT-1", type: "issue", title: "renamed" });
    expect(wrong.error.type).toBe("bad_request");
    const right = await call("works.update", { id: "TKT-1", type: "ticket", title: "renamed" });
    expect(right.body.work.title).toBe("renamed");
  });
});
