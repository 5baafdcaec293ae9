import { describe, expect, it } from "vitest";
import type { Work } from "../../app/devrev/types.js";
import { textOf, useToolClient } from "../support/mcp-server.js";

// Output built for a model: 50 works render in at most 35% of the bytes DevRev sends for them, and
// still name every field a triage needs; a result over MCP_MAX_RESULT_CHARS is cut with a notice.

const plain = useToolClient();
const capped = useToolClient({ MCP_MAX_RESULT_CHARS: "1000" });

/** The same works.list page the tool asks for, straight from the sandbox. */
async function rawWorks(limit: number): Promise<{ bytes: number; works: Work[] }> {
  const res = await fetch(`${plain.server.sandbox.url}/works.list`, {
    method: "POST",
    headers: { authorization: "Bearer sandbox-alice", "content-type": "application/json" },
    body: JSON.stringify({ limit }),
  });
  expect(res.status).toBe(200);
  const text = await res.text();
  return { bytes: Buffer.byteLength(text, "utf8"), works: (JSON.parse(text) as { works: Work[] }).works };
}

describe("list output size", () => {
  it("renders 50 works in at most 35% of DevRev's bytes, keeping every triage field", async () => {
    const raw = await rawWorks(50);
    expect(raw.works).toHaveLength(50);
    const result = await plain.client.callTool({ name: "devrev_works_list", arguments: { limit: 50 } });
    expect(result.isError).not.toBe(true);
    const text = textOf(result);
    const textBytes = Buffer.byteLength(text, "utf8");
    expect(textBytes / raw.bytes).toBeLessThanOrEqual(0.35);

    const lines = text.split("\n");
    expect(lines).toHaveLength(51); // one line per item, then the cursor line
    expect(lines.at(-1)).toMatch(/cursor="[^"]+"/);
    raw.works.forEach((w, i) => {
      const line = lines[i] ?? "";
      const x = w as Work & { severity?: string; priority?: string };
      expect(line.startsWith(`${w.display_id} `), line).toBe(true);
      expect(line).toContain(w.title);
      expect(line).toContain(`stage: ${w.stage?.name}`);
      for (const owner of w.owned_by)
        expect(line).toContain(owner.full_name ?? owner.display_name ?? owner.id);
      if (x.severity) expect(line).toContain(`sev: ${x.severity}`);
      if (x.priority) expect(line).toContain(`prio: ${x.priority}`);
      expect(line).toContain(`updated: ${w.modified_date?.slice(0, 10)}`);
      if (w.target_close_date) expect(line).toContain(`due: ${w.target_close_date.slice(0, 10)}`);
    });

    // Full ids and the exact timestamps travel in structuredContent.
    const items = (result.structuredContent as { items: Array<Record<string, unknown>> }).items;
    expect(items.map((i) => i.id)).toEqual(raw.works.map((w) => w.id));
    expect(items.map((i) => i.created_date)).toEqual(raw.works.map((w) => w.created_date));
    expect(plain.server.sandbox.violations()).toEqual([]);
  });

  it("cuts a result over MCP_MAX_RESULT_CHARS with a notice that says how to narrow", async () => {
    const result = await capped.client.callTool({ name: "devrev_works_list", arguments: { limit: 50 } });
    expect(result.isError).not.toBe(true);
    const text = textOf(result);
    expect(text.length).toBeLessThanOrEqual(1000);
    expect(text).toMatch(
      /\[Truncated: showed \d+ of 50 items to stay within 1000 characters\. .*narrow the request/,
    );
    // Whole items only: every line before the notice is one work item, and the cursor line ends it.
    const body = text.slice(0, text.indexOf("\n[Truncated"));
    for (const line of body.split("\n")) expect(line).toMatch(/^(TKT|ISS|TASK|OPP)-\d+ \[/);
    const structured = result.structuredContent as {
      items: unknown[];
      truncated?: boolean;
      next_cursor?: string;
    };
    expect(JSON.stringify(structured).length).toBeLessThanOrEqual(2000);
    expect(structured.truncated).toBe(true);
    expect(structured.items).toHaveLength(body.split("\n").length);
    expect(text.split("\n").at(-1)).toBe(
      `More work items exist: call again with cursor="${structured.next_cursor}".`,
    );
    expect(capped.server.sandbox.violations()).toEqual([]);
  });
});
