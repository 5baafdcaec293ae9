import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { beforeAll, describe, expect, it } from "vitest";
import { caller } from "../sandbox/client.js";
import { connectClient, startTestServer, useToolClient } from "../support/mcp-server.js";

// Issue 14 item 5: completion finds any item, not only the 50 most recently modified, reports
// `hasMore` truthfully, and completes prompt arguments (ticket_id, issue_id, account_id, tone).

const mcp = useToolClient();
const store = () => mcp.server.sandbox.state.store;

const completeWork = async (value: string, client: Client = mcp.client) =>
  (
    await client.complete({
      ref: { type: "ref/resource", uri: "devrev://works/{id}" },
      argument: { name: "id", value },
    })
  ).completion;

const completePrompt = async (name: string, argument: string, value: string) =>
  (await mcp.client.complete({ ref: { type: "ref/prompt", name }, argument: { name: argument, value } }))
    .completion;

beforeAll(async () => {
  // More work than one completion page holds, all newer than the seeded TKT-1.
  const call = caller(mcp.server.sandbox.url);
  const missing = 130 - store().works.size;
  for (let i = 0; i < missing; i++) {
    const r = await call("works.create", {
      type: i % 2 ? "issue" : "ticket",
      title: `Filler item ${i}`,
      applies_to_part: "FEAT-1",
      owned_by: ["DEVU-1"],
    });
    if (r.status !== 201) throw new Error(`works.create: ${r.status}`);
  }
});

describe("work id completion", () => {
  it("finds the oldest ticket by display id, with and without the beta search", async () => {
    const noBeta = await startTestServer({ MCP_ENABLE_BETA_TOOLS: "false" }, { sandbox: mcp.server.sandbox });
    const plain = await connectClient(noBeta.url, "sandbox-alice");
    try {
      for (const client of [mcp.client, plain]) {
        const c = await completeWork("TKT-1", client);
        expect(c.values[0]).toBe("TKT-1");
        expect(c.values.every((v) => v.startsWith("TKT-1"))).toBe(true);
        // TKT-1 and TKT-10 … TKT-19 and TKT-100 …, as many as exist.
        const expected = store()
          .works.all()
          .filter((w) => w.display_id?.startsWith("TKT-1")).length;
        expect(c.values).toHaveLength(expected);
        expect(c.hasMore).toBe(false);
      }
    } finally {
      await plain.close();
      await noBeta.close();
    }
  });

  it("finds items by the start of a title word, anywhere in the org", async () => {
    const oldest = [...store().works.all()].sort((a, b) => a.modified_date.localeCompare(b.modified_date))[0];
    if (!oldest) throw new Error("no works");
    const word = oldest.title.split(/\s+/)[0]?.slice(0, 5) ?? "";
    const c = await completeWork(word.toLowerCase());
    expect(c.values).toContain(oldest.display_id);
  });

  it("an empty or stem-only value lists that kind and says truthfully whether more exist", async () => {
    const all = await completeWork("");
    expect(all.values).toHaveLength(100);
    expect(all.hasMore).toBe(true);
    const tickets = store()
      .works.all()
      .filter((w) => w.type === "ticket").length;
    const stem = await completeWork("tkt-");
    expect(stem.values.every((v) => v.startsWith("TKT-"))).toBe(true);
    expect(stem.values).toHaveLength(Math.min(100, tickets));
    expect(stem.hasMore).toBe(tickets > 100);
    const few = await completeWork("TKT-12");
    expect(few.hasMore).toBe(false);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });
});

describe("prompt argument completion", () => {
  it("ticket_id offers tickets only, issue_id issues only", async () => {
    const t = await completePrompt("triage_ticket", "ticket_id", "TKT-2");
    expect(t.values[0]).toBe("TKT-2");
    expect(t.values.every((v) => v.startsWith("TKT-"))).toBe(true);
    const wrongKind = await completePrompt("triage_ticket", "ticket_id", "ISS-1");
    expect(wrongKind.values).toEqual([]);
    const i = await completePrompt("investigate_issue", "issue_id", "iss-");
    expect(i.values.length).toBeGreaterThan(0);
    expect(i.values.every((v) => v.startsWith("ISS-"))).toBe(true);
  });

  it("account_id completes by name or display id, tone from its options", async () => {
    expect((await completePrompt("summarize_account", "account_id", "glo")).values).toEqual(["ACC-1"]);
    expect((await completePrompt("onboard_customer", "account_id", "ACC-")).values).toEqual(
      expect.arrayContaining(["ACC-1", "ACC-2", "ACC-3", "ACC-4"]),
    );
    const tone = await completePrompt("draft_customer_response", "tone", "f");
    expect(tone.values).toEqual(["friendly", "formal"]);
    expect(tone.hasMore).toBe(false);
    const ticket = await completePrompt("draft_customer_response", "ticket_id", "TKT-3");
    expect(ticket.values[0]).toBe("TKT-3");
  });

  it("an argument without suggestions answers an empty list", async () => {
    const none = await completePrompt("escalate_ticket", "reason", "cust");
    expect(none).toEqual({ values: [], hasMore: false });
  });
});
