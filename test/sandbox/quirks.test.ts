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

  it("ignores created_date and modified_date filters on works.list and conversations.list", async () => {
    const future = { type: "range", after: "2099-01-01T00:00:00Z" };
    expect((await call("works.count", {})).body.count).toBe(100);
    const works = await call("works.list", { created_date: future, modified_date: future, limit: 100 });
    expect(works.body.works).toHaveLength(100);
    const convs = await call("conversations.list", { modified_date: { after: "2099-01-01T00:00:00Z" } });
    expect(convs.body.conversations).toHaveLength(6);
    // Other date filters do apply.
    const due = await call("works.list", { target_close_date: future });
    expect(due.body.works).toHaveLength(0);
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
