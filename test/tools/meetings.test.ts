import { describe, expect, it } from "vitest";
import { useToolClient } from "../support/mcp-server.js";

// devrev_meetings_list over DevRev's public meetings.list: by customer (any id form or its name),
// state and date, newest scheduled first, and an empty page that says what was applied.

const mcp = useToolClient({ MCP_TOOLSETS: "all" });
const { call } = mcp;
const store = () => mcp.server.sandbox.state.store;

describe("devrev_meetings_list", () => {
  it("lists meetings newest scheduled first, one line each", async () => {
    const all = await call("devrev_meetings_list", { limit: 100 });
    expect(all.isError, all.text).toBe(false);
    expect(all.items).toHaveLength(store().meetings.size);
    const dates = all.items.map((m) => String(m.scheduled_date ?? ""));
    expect(dates).toEqual([...dates].sort().reverse());
    expect(all.text.split("\n")[0]).toMatch(/^MEET-\d+ .+ — state: \w+/);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("filters by customer, given as a name, an account id or a rev org id", async () => {
    const meeting = store().meetings.all()[0];
    const accountId = meeting?.parent;
    const account = store()
      .accounts.all()
      .find((a) => a.id === accountId);
    if (!account) throw new Error("the first seeded meeting is not about an account");
    const expected = store()
      .meetings.all()
      .filter((m) => m.parent === account.id)
      .map((m) => m.display_id)
      .sort();
    for (const form of [account.display_name, account.display_id]) {
      const r = await call("devrev_meetings_list", { account: form });
      expect(r.isError, r.text).toBe(false);
      expect(r.items.map((m) => m.display_id).sort(), form).toEqual(expected);
    }
  });

  it("says which filters found nothing", async () => {
    const r = await call("devrev_meetings_list", {
      state: ["rejected"],
      scheduled_after: "2000-01-01",
      scheduled_before: "2000-01-02",
    });
    expect(r.isError, r.text).toBe(false);
    expect(r.text).toMatch(
      /^No meetings match state=rejected, scheduled_after=2000-01-01, scheduled_before=2000-01-02\./,
    );
    const bad = await call("devrev_meetings_list", { state: ["maybe"] });
    expect(bad.isError).toBe(true);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });
});
