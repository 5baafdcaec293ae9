import { Ajv } from "ajv";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { capText, toCallToolResult } from "../../app/mcp/result.js";

describe("result size cap", () => {
  it("leaves small results alone", () => {
    expect(toCallToolResult({ text: "ok", structured: { items: [1] } }, 100)).toEqual({
      content: [{ type: "text", text: "ok" }],
      structuredContent: { items: [1] },
    });
  });

  it("truncates long text at a line with a notice that says how to narrow", () => {
    const text = Array.from({ length: 200 }, (_, i) => `line ${i}`).join("\n");
    const capped = capText(text, 500);
    expect(capped.length).toBeLessThanOrEqual(500);
    expect(capped).toMatch(/\[Truncated: showed 500 of \d+ characters\. Narrow the request/);
    expect(capped.split("\n")[0]).toBe("line 0");
  });

  it("cuts structured items to fit and marks them truncated", () => {
    const items = Array.from({ length: 100 }, (_, i) => ({ id: `id-${i}`, title: "x".repeat(50) }));
    const r = toCallToolResult({ text: "t", structured: { items, count: 100 } }, 1000);
    const s = r.structuredContent as { items: unknown[]; truncated: boolean };
    expect(s.truncated).toBe(true);
    expect(JSON.stringify(s).length).toBeLessThanOrEqual(2000);
  });

  it("cuts a list's text and structured items at the same item when only the structured view is over", () => {
    // The shape of issue 14 item 6: short lines fit the text budget, the structured items do not.
    const items = Array.from({ length: 100 }, (_, i) => ({ id: `W-${i}`, body: "x".repeat(40) }));
    const lines = items.map((w) => w.id);
    const r = toCallToolResult(
      {
        text: lines.join("\n"),
        structured: { items, count: 100, next_cursor: "devrev-next" },
        list: { lines, empty: "none", noun: "works" },
      },
      2000,
      { resume: { cursor: "devrev-this", skip: 0 }, resumable: true },
    );
    const s = r.structuredContent as { items: Array<{ id: string }>; count: number; next_cursor: string };
    const text = (r.content[0] as { text: string }).text;
    const shown = text.split("\n").filter((l) => l.startsWith("W-"));
    expect(s.items.length).toBeLessThan(100);
    expect(shown).toEqual(s.items.map((w) => w.id));
    expect(s.count).toBe(s.items.length);
    expect(s.next_cursor).not.toBe("devrev-next");
    expect(text).toContain(`cursor="${s.next_cursor}"`);
  });
});

describe("the listed output schema after the size cap", () => {
  // Whatever the cap cuts, the structured content still matches the top-level schema tools/list
  // advertised for a list tool (app/mcp/registry.ts): a success never loses structuredContent,
  // keeps every field, and changes only items, count, next_cursor and truncated, within their types.
  const ajv = new Ajv({ strict: false });
  const listSchema = ajv.compile({
    type: "object",
    properties: {
      object: { type: "string" },
      items: { type: "array" },
      count: { type: "integer" },
      next_cursor: { type: "string" },
      truncated: { type: "boolean" },
    },
    required: ["object", "items", "count"],
  });

  it("holds for any page, budget, resume point and layout", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 300 }), { maxLength: 60 }),
        fc.integer({ min: 1_000, max: 6_000 }),
        fc.integer({ min: 0, max: 70 }),
        fc.boolean(),
        fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: undefined }),
        (bodies, maxChars, skip, withLayout, next) => {
          const items = bodies.map((body, i) => ({ id: `W-${i}`, body }));
          const structured = {
            object: "TKT-1",
            items,
            count: items.length,
            ...(next ? { next_cursor: next } : {}),
          };
          const lines = items.map((w) => `${w.id} ${w.body}`);
          const r = toCallToolResult(
            {
              text: lines.join("\n"),
              structured,
              ...(withLayout ? { list: { lines, empty: "none", noun: "works" } } : {}),
            },
            maxChars,
            { resume: { cursor: "c", skip: Math.min(skip, items.length) }, resumable: true },
          );
          expect(r.structuredContent).toBeDefined();
          expect(listSchema(r.structuredContent), JSON.stringify(listSchema.errors)).toBe(true);
          const out = r.structuredContent as { object: string; items: unknown[]; count: number };
          expect(out.object).toBe("TKT-1");
          expect(out.count).toBe(out.items.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});
