import { describe, expect, it } from "vitest";
import { boundArgs, MAX_ARRAY_ITEMS, withArrayMaxima } from "../../app/mcp/bounded-args.js";

describe("boundArgs", () => {
  it("drops repeats in arrays of plain values, keeping the first of each, at any depth", () => {
    const res = boundArgs({ part: ["PROD-1", "PROD-2", "PROD-1"], nested: { ids: [1, 1, 2] }, title: "x" });
    expect(res).toEqual({
      ok: true,
      args: { part: ["PROD-1", "PROD-2"], nested: { ids: [1, 2] }, title: "x" },
    });
  });

  it("accepts any number of repeats of few values", () => {
    const res = boundArgs({ owned_by: Array(20_000).fill("me") });
    expect(res).toEqual({ ok: true, args: { owned_by: ["me"] } });
  });

  it("refuses an array with more distinct values than the maximum, naming its path", () => {
    const ids = Array.from({ length: MAX_ARRAY_ITEMS + 1 }, (_, i) => `TAG-${i}`);
    expect(boundArgs({ tags: [...ids, ...ids] })).toEqual({
      ok: false,
      problem: expect.stringMatching(
        new RegExp(
          `^tags: ${2 * ids.length} values \\(${ids.length} distinct\\); at most ${MAX_ARRAY_ITEMS} in one call`,
        ),
      ),
    });
    expect(boundArgs({ filter: { ids } })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^filter\.ids: /),
    });
  });

  it("bounds arrays of objects without merging them", () => {
    expect(boundArgs({ xs: [{ a: 1 }, { a: 1 }] })).toEqual({ ok: true, args: { xs: [{ a: 1 }, { a: 1 }] } });
    const many = Array.from({ length: MAX_ARRAY_ITEMS + 1 }, () => ({ a: 1 }));
    expect(boundArgs({ xs: many }).ok).toBe(false);
  });
});

describe("withArrayMaxima", () => {
  it("puts maxItems on every array, keeps a smaller own maximum, and leaves enum arrays alone", () => {
    const schema = {
      type: "object",
      properties: {
        ids: { type: "array", items: { type: "string" } },
        few: { type: "array", items: { type: "string" }, maxItems: 10 },
        big: { type: "array", items: { type: "string" }, maxItems: 500 },
        state: { type: "array", items: { type: "string", enum: ["open", "closed"] } },
        nested: { type: "object", properties: { more: { type: ["array", "null"], items: {} } } },
      },
    };
    expect(withArrayMaxima(schema)).toEqual({
      type: "object",
      properties: {
        ids: { type: "array", items: { type: "string" }, maxItems: MAX_ARRAY_ITEMS },
        few: { type: "array", items: { type: "string" }, maxItems: 10 },
        big: { type: "array", items: { type: "string" }, maxItems: MAX_ARRAY_ITEMS },
        state: { type: "array", items: { type: "string", enum: ["open", "closed"] } },
        nested: {
          type: "object",
          properties: { more: { type: ["array", "null"], items: {}, maxItems: MAX_ARRAY_ITEMS } },
        },
      },
    });
    // The input is not changed: the registry's zod-derived schema stays as converted.
    expect(schema.properties.ids).toEqual({ type: "array", items: { type: "string" } });
  });
});
