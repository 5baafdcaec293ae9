// The sandbox refuses request fields it does not declare, as live DevRev does, with no spec at run
// time; the declarations themselves are kept inside DevRev's beta spec here so they cannot drift.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fieldTree, LIVE_ONLY, unknownField } from "../../app/sandbox/fields.js";
import { fields, handlers } from "../../app/sandbox/handlers/index.js";
import { type RunningSandbox, startSandbox } from "../../app/sandbox/index.js";
import { ensureNormalizedSpec, specDeclaresField } from "../support/devrev-spec.js";
import { caller } from "./client.js";

describe("field declarations", () => {
  it("every operation declares the fields it accepts", () => {
    expect(Object.keys(fields).sort()).toEqual(Object.keys(handlers).sort());
  });

  it("declare only fields DevRev's beta spec has, or documented live-only ones", async () => {
    await ensureNormalizedSpec();
    const outside = Object.entries(fields).flatMap(([op, paths]) =>
      paths
        .filter((p) => !specDeclaresField(op, p) && !LIVE_ONLY[op]?.includes(p.split(".")[0] ?? ""))
        .map((p) => `${op}: ${p}`),
    );
    expect(outside).toEqual([]);
    // The walker does see through refs, unions and arrays, and refuses what the spec lacks.
    expect(specDeclaresField("works.update", "tags.add.id")).toBe(true);
    expect(specDeclaresField("works.list", "created_date.preset_type")).toBe(true);
    expect(specDeclaresField("conversations.export", "limit")).toBe(false);
    expect(specDeclaresField("works.list", "stage.nme")).toBe(false);
  });

  it("live-only fields are really outside the spec (else they belong in the declarations alone)", async () => {
    await ensureNormalizedSpec();
    for (const [op, names] of Object.entries(LIVE_ONLY)) {
      for (const name of names) expect(specDeclaresField(op, name), `${op} ${name}`).toBe(false);
    }
  });

  it("trees: a prefix path becomes the stricter tree, arrays are transparent, prototype keys are unknown", () => {
    const tree = fieldTree(["stage", "stage.name", "tags.id", "custom_fields"]);
    expect(tree).toEqual({ stage: { name: true }, tags: { id: true }, custom_fields: true });
    expect(unknownField({ stage: { name: ["x"] }, tags: [{ id: "t" }], custom_fields: { a: 1 } }, tree)).toBe(
      undefined,
    );
    expect(unknownField({ tags: [{ id: "t" }, { id: "u", valu: "v" }] }, tree)).toBe("tags.valu");
    expect(unknownField({ stage: { nme: "x" } }, tree)).toBe("stage.nme");
    expect(unknownField({ constructor: 1 }, tree)).toBe("constructor");
    expect(unknownField({ toString: 1 }, {})).toBe("toString");
  });
});

describe("unknown request fields answer 400, as on live DevRev", () => {
  let sb: RunningSandbox;
  let call: ReturnType<typeof caller>;
  // The plain sandbox: no spec, as in the product build (`--sandbox`) and the Docker image.
  beforeAll(async () => {
    sb = await startSandbox({ now: () => new Date("2025-03-10T12:00:00Z") });
    call = caller(sb.url);
  });
  afterAll(() => sb.close());

  it("conversations.export with limit instead of first", async () => {
    const r = await call("conversations.export", { limit: 5 });
    expect(r.status).toBe(400);
    expect(r.error).toMatchObject({ type: "invalid_field", field_name: "limit" });
    expect(r.error.message).toContain('unknown field "limit"');
    expect((await call("conversations.export", { first: 5 })).status).toBe(200);
  });

  it("names nested fields by their dotted path, inside arrays too", async () => {
    const stage = await call("works.list", { stage: { nme: ["queued"] } });
    expect(stage.error).toMatchObject({ type: "invalid_field", field_name: "stage.nme" });
    const tag = await call("works.create", {
      type: "issue",
      title: "x",
      applies_to_part: "PROD-1",
      owned_by: ["DEVU-1"],
      tags: [{ id: "TAG-1", valeu: "x" }],
    });
    expect(tag.error).toMatchObject({ type: "invalid_field", field_name: "tags.valeu" });
  });

  it("a refused write changes nothing", async () => {
    const before = (await call("works.count", {})).body.count;
    const bad = await call("works.create", {
      type: "ticket",
      title: "typo",
      applies_to_part: "PROD-1",
      owned_by: ["DEVU-1"],
      severty: "high",
    });
    expect(bad.error).toMatchObject({ type: "invalid_field", field_name: "severty" });
    expect((await call("works.count", {})).body.count).toBe(before);
    const title = (await call("works.get", { id: "TKT-1" })).body.work.title;
    const update = await call("works.update", { id: "TKT-1", type: "ticket", title: "new", priorty: "p0" });
    expect(update.status).toBe(400);
    expect((await call("works.get", { id: "TKT-1" })).body.work.title).toBe(title);
  });

  it("an operation with no fields refuses any", async () => {
    expect((await call("dev-users.self", {})).status).toBe(200);
    expect((await call("dev-users.self", { id: "DEVU-1" })).error).toMatchObject({ field_name: "id" });
  });
});
