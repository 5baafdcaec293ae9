import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../../app/sandbox/index.js";
import { caller, post } from "./client.js";

let sb: RunningSandbox;
let call: ReturnType<typeof caller>;
beforeAll(async () => {
  sb = await startSandbox();
  call = caller(sb.url);
});
afterAll(() => sb.close());

describe("status codes and error bodies", () => {
  it("answers 201 to every create and {} to works.delete", async () => {
    const me = (await call("dev-users.self")).body.dev_user.id;
    const created = await call("works.create", {
      type: "issue",
      title: "t",
      applies_to_part: "PROD-1",
      owned_by: [me],
    });
    expect(created.status).toBe(201);
    expect(created.body.work).toMatchObject({
      type: "issue",
      display_id: "ISS-41",
      title: "t",
      stage: { name: "triage" },
    });
    const tag = await call("tags.create", { name: "fresh" });
    expect(tag.status).toBe(201);
    const deleted = await call("works.delete", { id: created.body.work.id });
    expect(deleted).toMatchObject({ status: 200, body: {} });
    expect((await call("works.get", { id: created.body.work.id })).status).toBe(404);
  });

  it("finds objects by DON id or display id, and 404s unknown ones", async () => {
    const byDisplay = await call("works.get", { id: "TKT-12" });
    expect(byDisplay.body.work.id).toBe("don:core:dvrv-us-1:devo/1sandbx:ticket/12");
    const byDon = await call("works.get", { id: "don:core:dvrv-us-1:devo/1sandbx:ticket/12" });
    expect(byDon.body.work.display_id).toBe("TKT-12");
    const missing = await call("works.get", { id: "TKT-999" });
    expect(missing.status).toBe(404);
    expect(missing.error).toMatchObject({ type: "not_found" });
    expect(missing.error.message).toContain("TKT-999");
    // A string that is no id at all is a bad field, not a missing object.
    expect((await call("works.get", { id: "twelve" })).error).toMatchObject({
      type: "invalid_field",
      field_name: "id",
    });
  });

  it("names the field in 400s", async () => {
    const me = (await call("dev-users.self")).body.dev_user.id;
    const missing = await call("works.create", { type: "ticket", applies_to_part: "FEAT-1", owned_by: [me] });
    expect(missing.error).toMatchObject({ type: "missing_required_field", field_name: "title" });
    const badEnum = await call("works.create", {
      type: "ticket",
      title: "t",
      applies_to_part: "FEAT-1",
      owned_by: [me],
      severity: "urgent",
    });
    expect(badEnum.error).toMatchObject({
      type: "invalid_enum_value",
      field_name: "severity",
      value: "urgent",
    });
    expect(badEnum.error.allowed_values).toContain("blocker");
    const badType = await call("works.list", { limit: "ten" });
    expect(badType.error).toMatchObject({ type: "invalid_field", field_name: "limit" });
    const badRef = await call("works.create", {
      type: "ticket",
      title: "t",
      applies_to_part: "PROD-99",
      owned_by: [me],
    });
    expect(badRef.error).toMatchObject({ type: "invalid_field", field_name: "applies_to_part" });
    const nested = await call("works.list", { stage: { name: "queued" } });
    expect(nested.error).toMatchObject({ type: "invalid_field", field_name: "stage.name" });
  });

  it("answers parse_error to a body that is not JSON, 404 to an unknown operation", async () => {
    expect(await post(sb.url, "works.list", "{not json")).toMatchObject({
      status: 400,
      body: { type: "parse_error" },
    });
    expect(await post(sb.url, "works.list", "[1,2]")).toMatchObject({
      status: 400,
      body: { type: "parse_error" },
    });
    expect(await post(sb.url, "works.frobnicate", "{}")).toMatchObject({
      status: 404,
      body: { type: "not_found" },
    });
  });

  it("answers 413 to an oversized body", async () => {
    const big = JSON.stringify({ title: "x".repeat(1_100_000) });
    expect((await post(sb.url, "works.list", big)).status).toBe(413);
  });

  it("serves /health and the stats without auth or faults", async () => {
    sb.state.setFaults("500:1");
    expect((await fetch(`${sb.url}/health`)).status).toBe(200);
    const stats = await fetch(`${sb.url}/_sandbox/stats`);
    expect(await stats.json()).toMatchObject({ tickets: 60 });
    sb.state.setFaults("");
  });
});
