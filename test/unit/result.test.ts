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
});
