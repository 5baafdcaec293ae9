import { describe, expect, it } from "vitest";
import { useToolClient } from "../support/mcp-server.js";

// One truncation rule (issue 14 item 6): when a page is over the size limit, the text and the
// structured content end at the same item and the cursor resumes right after it, so paging through
// a cut list shows every item exactly once in both views.

const small = useToolClient({ MCP_TOOLSETS: "all", MCP_MAX_RESULT_CHARS: "2500", MCP_RATE_LIMIT_RPM: "0" });
const full = useToolClient({ MCP_TOOLSETS: "all", MCP_MAX_RESULT_CHARS: "1000000", MCP_RATE_LIMIT_RPM: "0" });

const idOf = (line: string) => line.split(" ")[0];

async function pageAll(tool: string, args: Record<string, unknown>) {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 50; i++) {
    const r = await small.call(tool, { ...args, ...(cursor ? { cursor } : {}) });
    expect(r.isError, r.text).toBe(false);
    expect(r.text.length).toBeLessThanOrEqual(2500);
    const ids = r.items.map((w) => w.display_id as string);
    // The text lists the same items, in the same order, as the structured content.
    const lines = r.text.split("\n").filter((l) => /^[A-Z]+-\d+ /.test(l));
    expect(lines.map(idOf)).toEqual(ids);
    expect(r.structured.count).toBe(ids.length);
    cursor = r.structured.next_cursor as string | undefined;
    if (cursor) expect(r.text).toContain(`cursor="${cursor}"`);
    else expect(r.text).toMatch(/End of/);
    seen.push(...ids);
    if (!cursor) return seen;
  }
  throw new Error("paging did not end");
}

describe("a list over the size limit", () => {
  it("ends text and structured content at the same item, and the cursor resumes right after it", async () => {
    const all = await full.call("devrev_works_list", { limit: 100 });
    const expected = all.items.map((w) => w.display_id);
    expect(expected.length).toBeGreaterThan(20);

    const first = await small.call("devrev_works_list", { limit: 100 });
    expect(first.structured.truncated).toBe(true);
    expect(first.items.length).toBeLessThan(expected.length);

    const seen = await pageAll("devrev_works_list", { limit: 100 });
    expect(seen).toEqual(expected);
  });

  it("cuts a list without a cursor at the same item in both views and says so", async () => {
    const mine = await small.call("devrev_works_mine", { limit: 100 });
    expect(mine.isError, mine.text).toBe(false);
    expect(mine.structured.truncated).toBe(true);
    const lines = mine.text.split("\n").filter((l) => /^[A-Z]+-\d+ /.test(l));
    expect(lines.map(idOf)).toEqual(mine.items.map((w) => w.display_id));
    expect(mine.text.split("\n")[0]).toContain(`(${mine.items.length} of `);
    expect(mine.text).toMatch(/Truncated: showed \d+ of \d+ items/);
    expect(mine.structured.next_cursor).toBeUndefined();
  });

  it("refuses a damaged resume cursor with a message instead of starting over", async () => {
    const r = await small.call("devrev_works_list", { cursor: "mcp1.not-json" });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/cursor.*damaged/);
  });
});
