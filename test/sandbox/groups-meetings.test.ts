// Groups as live DevRev has them (type static/dynamic, the group_type filter, member counts) and
// the public API's meetings.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../../app/sandbox/index.js";
import { caller } from "./client.js";

const NOW = new Date("2025-03-10T12:00:00Z");
let sb: RunningSandbox;
let call: ReturnType<typeof caller>;
beforeAll(async () => {
  sb = await startSandbox({ now: () => NOW });
  call = caller(sb.url);
});
afterAll(() => sb.close());

describe("groups", () => {
  it("have type static or dynamic, and group_type filters on it", async () => {
    const all = (await call("groups.list", {})).body.groups;
    expect(new Set(all.map((g) => g.type as string))).toEqual(new Set(["static", "dynamic"]));
    const dynamic = (await call("groups.list", { group_type: ["dynamic"] })).body.groups;
    expect(dynamic.map((g) => g.name)).toEqual(["All engineers"]);
    const statics = (await call("groups.list", { group_type: ["static"] })).body.groups;
    expect(statics.length + dynamic.length).toBe(all.length);
    expect(statics.every((g) => (g.type as string) === "static")).toBe(true);
    const bad = await call("groups.list", { group_type: ["group"] });
    expect(bad.error).toMatchObject({ type: "invalid_enum_value", field_name: "group_type" });
    const created = await call("groups.create", {
      name: "Rotation",
      description: "On call",
      type: "dynamic",
    });
    expect(created.body.group.type as string).toBe("dynamic");
  });

  it("count their members, and refuse hand edits of a dynamic group's members", async () => {
    const support = (await call("groups.list", { name: ["Support L1"] })).body.groups[0];
    const count = async (group: string) => (await call("groups.members.count", { group })).body;
    expect(await count(support?.id ?? "")).toEqual({ count: 3, has_more: false });
    const listed = await call("groups.members.list", { group: support?.id });
    expect(listed.body.members).toHaveLength(3);
    const eve = (await call("dev-users.list", { email: ["eve@other.test"] })).body.dev_users[0]?.id;
    await call("groups.members.add", { group: support?.id, member: eve });
    expect((await count(support?.id ?? "")).count).toBe(4);

    const engineers = (await call("groups.list", { group_type: ["dynamic"] })).body.groups[0]?.id ?? "";
    const add = await call("groups.members.add", { group: engineers, member: eve });
    expect(add.status).toBe(400);
    expect(add.error.message).toContain("dynamic");
    expect((await count(engineers)).count).toBe(4);
    expect((await call("groups.members.count", { group: "GRP-999" })).status).toBe(404);
    expect((await call("groups.members.count", {})).error).toMatchObject({ field_name: "group" });
  });
});

describe("meetings", () => {
  it("lists seeded meetings with their organizer, members and account, newest first", async () => {
    const r = await call("meetings.list", {});
    expect(r.status).toBe(200);
    const meetings = r.body.meetings;
    expect(meetings.length).toBe(5);
    const first = meetings[0];
    expect(first).toMatchObject({ display_id: "MEET-5", title: "Quarterly check-in", state: "scheduled" });
    expect(first?.organizer?.id).toMatch(/^don:identity:/);
    expect(first?.members.length).toBeGreaterThan(1);
    expect(first?.parent).toMatchObject({ type: "account" });
    expect((await call("meetings.get", { id: "MEET-1" })).body.meeting.title).toBe(
      "Globex escalation review",
    );
    expect((await call("meetings.count", {})).body.count).toBe(5);
  });

  it("filters by state, account, member and typed dates, and sorts", async () => {
    const titles = async (body: object) =>
      (await call("meetings.list", body)).body.meetings.map((m) => m.title);
    expect(await titles({ state: ["scheduled"], sort_by: ["scheduled_date:asc"] })).toEqual([
      "Globex renewal planning",
      "Quarterly check-in",
    ]);
    expect(await titles({ parent: ["ACC-1"], sort_by: ["scheduled_date:asc"] })).toEqual([
      "Globex escalation review",
      "Globex renewal planning",
    ]);
    const upcoming = await titles({ scheduled_date: { type: "range", after: NOW.toISOString() } });
    expect(upcoming.sort()).toEqual(["Globex renewal planning", "Quarterly check-in"]);
    const lastWeek = await titles({
      scheduled_date: { type: "preset", preset_type: "last_n_days", days: 7 },
    });
    expect(lastWeek.sort()).toEqual(["Billing walkthrough", "Onboarding kickoff"]);
    const untyped = await call("meetings.list", { scheduled_date: { after: NOW.toISOString() } });
    expect(untyped.error).toMatchObject({
      type: "missing_required_field",
      field_name: "scheduled_date.type",
    });
    expect((await call("meetings.list", { sort_by: ["-scheduled_date"] })).status).toBe(400);
    expect((await call("meetings.list", { state: ["done"] })).error.type).toBe("invalid_enum_value");
    const bob = (await call("dev-users.list", { email: ["bob@acme.test"] })).body.dev_users[0]?.id;
    expect((await call("meetings.count", { organizer: [bob] })).body.count).toBe(2);
  });
});
