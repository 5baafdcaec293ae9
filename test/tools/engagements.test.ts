import { afterEach, describe, expect, it } from "vitest";
import { useToolClient } from "../support/mcp-server.js";

// The engagements toolset (DevRev beta) against the seeded sandbox.

const mcp = useToolClient({ MCP_TOOLSETS: "engagements", MCP_ENABLE_DESTRUCTIVE_TOOLS: "true" });
const { call } = mcp;
afterEach(() => {
  expect(mcp.server.sandbox.violations()).toEqual([]);
});

interface Engagement {
  id: string;
  display_id?: string;
  description?: string;
  created_by?: { email?: string };
}

describe("engagements toolset", () => {
  it("lists engagements one per line and filters by kind and account", async () => {
    const all = await call<{ items: Engagement[] }>("devrev_engagements_list");
    expect(all.structured.items).toHaveLength(4);
    expect(all.text).toMatch(
      /^ENG-1 Quarterly business review with Globex — by: Alice .+ · created: \d{4}-\d{2}-\d{2}/m,
    );

    const calls = await call<{ items: Engagement[] }>("devrev_engagements_list", { type: ["call"] });
    expect(calls.structured.items.map((e) => e.display_id).sort()).toEqual(["ENG-1", "ENG-4"]);

    const globex = await call<{ items: Engagement[] }>("devrev_engagements_list", { parent: ["ACC-1"] });
    expect(globex.structured.items.map((e) => e.display_id)).toEqual(["ENG-1"]);

    const wrong = await call("devrev_engagements_list", { parent: ["TKT-1"] });
    expect(wrong.isError).toBe(true);
    expect(wrong.text).toMatch(/"TKT-1" is a ticket id, not an account or opportunity/);
  });

  it("counts with the same filters", async () => {
    const count = await call<{ count: number }>("devrev_engagements_list", {
      members: ["me"],
      count_only: true,
    });
    expect(count.structured.count).toBe(4);
    expect(count.text).toBe("4 engagement(s) match these filters.");
    const none = await call<{ count: number }>("devrev_engagements_list", {
      type: ["survey"],
      count_only: true,
    });
    expect(none.structured.count).toBe(0);
  });

  it("gets one engagement", async () => {
    const { text, structured } = await call<{ engagement: Engagement }>("devrev_engagements_get", {
      id: "ENG-2",
    });
    expect(structured.engagement.description).toBe("Renewal discussion with Umbrella");
    expect(text).toMatch(/^ENG-2\nid: don:.+engagement\/2\ncreated by: Alice/);
  });

  it("logs an engagement against an account, updates it and deletes it", async () => {
    const logged = await call<{ engagement: Engagement }>("devrev_engagements_create", {
      title: "Escalation call",
      scheduled_date: "2024-06-03T09:30:00Z",
      members: ["me"],
      parent: "ACC-2",
      engagement_type: "call",
      description: "Walked through the webhook delays.",
    });
    expect(logged.isError).toBe(false);
    const e = logged.structured.engagement;
    expect(e.display_id).toMatch(/^ENG-\d+$/);
    expect(logged.text).toMatch(/^Logged ENG-\d+\./);
    const under = await call<{ items: Engagement[] }>("devrev_engagements_list", { parent: ["ACC-2"] });
    expect(under.structured.items.map((x) => x.id)).toContain(e.id);

    const updated = await call<{ engagement: Engagement; changed: string[] }>("devrev_engagements_update", {
      id: e.display_id,
      description: "Agreed on a fix date.",
    });
    expect(updated.structured.changed).toEqual(["description"]);
    expect(updated.structured.engagement.description).toBe("Agreed on a fix date.");

    const deleted = await call("devrev_engagements_delete", { id: e.display_id, confirm: true });
    expect(deleted.isError).toBe(false);
    expect((await call("devrev_engagements_get", { id: e.display_id })).isError).toBe(true);
  });

  it("rejects a missing time or participants before calling DevRev", async () => {
    mcp.server.sandbox.state.clearRequests();
    const bad = await call("devrev_engagements_create", { title: "x", members: [], scheduled_date: "soon" });
    expect(bad.isError).toBe(true);
    expect(bad.text).toMatch(/members[\s\S]*scheduled_date|scheduled_date[\s\S]*members/);
    expect(mcp.server.sandbox.state.requests().filter((r) => r.op.startsWith("engagements."))).toEqual([]);
  });
});
