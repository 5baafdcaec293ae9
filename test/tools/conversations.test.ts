import { describe, expect, it } from "vitest";
import { connectClient, useToolClient } from "../support/mcp-server.js";

// The conversations toolset through the SDK client against the spec-validating sandbox, whose
// conversations.list (like the live API) does not apply date filters.

const sent: Array<{ op: string; body: Record<string, unknown> }> = [];

const mcp = useToolClient(
  { MCP_TOOLSETS: "conversations,timeline" },
  {
    sandboxOptions: {
      hooks: { onRequest: (op, body) => void sent.push({ op, body: body as Record<string, unknown> }) },
    },
  },
);
const { call } = mcp;
type Row = Record<string, unknown>;

describe("devrev_conversations_list", () => {
  it("lists conversations one per line and filters by stage, owner and customer", async () => {
    const all = await call("devrev_conversations_list");
    expect(all.isError, all.text).toBe(false);
    expect(all.items.length).toBe(6);
    expect(all.text).toMatch(
      /^CONV-6 API rate limits for bulk export — stage: archived · owner: Bob Brandt · customer: Umbrella · channel: plug · updated: \d{4}-\d{2}-\d{2}$/m,
    );
    expect(all.text).toMatch(/End of conversations\.$/);

    const fresh = await call("devrev_conversations_list", { stage: ["new"] });
    expect(fresh.items.map((c) => c.display_id).sort()).toEqual(["CONV-1", "CONV-4"]);

    const mine = await call("devrev_conversations_list", { owned_by: ["me"] });
    expect(mine.items.length).toBeGreaterThan(0);
    for (const c of mine.items) expect(JSON.stringify(c.owners)).toContain("alice@acme.test");

    const globex = await call("devrev_conversations_list", { account: ["ACC-1"] });
    expect(globex.items.map((c) => c.title)).toEqual(["Refund status", "Invoice total looks wrong"]);
    const umbrella = await call("devrev_conversations_list", { rev_org: ["REV-3"] });
    expect(umbrella.items.map((c) => c.display_id)).toEqual(["CONV-6", "CONV-3"]);

    const wrong = await call("devrev_conversations_list", { account: ["REV-1"] });
    expect(wrong.isError).toBe(true);
    expect(wrong.text).toMatch(/rev org id, not an account.*devrev_rev_orgs_get/);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("pages with a cursor", async () => {
    const first = await call("devrev_conversations_list", { limit: 4 });
    expect(first.items).toHaveLength(4);
    const cursor = first.structured.next_cursor as string;
    expect(first.text).toContain(`cursor="${cursor}"`);
    const second = await call("devrev_conversations_list", { limit: 4, cursor });
    expect(second.items).toHaveLength(2);
    const ids = (r: { items: Row[] }) => r.items.map((c) => c.id);
    expect(ids(second).some((id) => ids(first).includes(id))).toBe(false);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("applies date bounds itself, newest first, reading a bounded number of pages", async () => {
    const all = (await call("devrev_conversations_list", { limit: 100 })).items;
    const created = all.map((c) => c.created_date as string).sort();
    const pivot = created[3] as string;

    sent.length = 0;
    const recent = await call("devrev_conversations_list", { created_after: pivot });
    expect(recent.isError, recent.text).toBe(false);
    const dates = recent.items.map((c) => c.created_date as string);
    expect(dates).toEqual(created.filter((d) => d >= pivot).reverse());
    // No date filter is sent: DevRev does not apply it reliably.
    for (const s of sent.filter((r) => r.op === "conversations.list"))
      expect(s.body.created_date).toBeUndefined();

    const before = await call("devrev_conversations_list", { created_before: pivot.slice(0, 10) });
    for (const c of before.items) expect((c.created_date as string) < pivot.slice(0, 10)).toBe(true);

    // Asking for 2 in bounds: pages ask only for what is missing, and the cursor resumes after them.
    const two = await call("devrev_conversations_list", { modified_after: "2000-01-01", limit: 2 });
    expect(two.items).toHaveLength(2);
    const rest = await call("devrev_conversations_list", {
      modified_after: "2000-01-01",
      limit: 100,
      cursor: two.structured.next_cursor,
    });
    expect(rest.items).toHaveLength(4);

    sent.length = 0;
    const none = await call("devrev_conversations_list", { created_after: "2999-01-01", limit: 1 });
    expect(none.items).toEqual([]);
    expect(none.text).toMatch(
      /^No conversations in these date bounds among the 5 read\.\nMore conversations exist/,
    );
    expect(sent.filter((r) => r.op === "conversations.list")).toHaveLength(5);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });
});

describe("devrev_conversations_get", () => {
  it("returns the conversation with its messages, oldest first", async () => {
    const res = await call("devrev_conversations_get", { id: "CONV-3" });
    expect(res.isError, res.text).toBe(false);
    expect(res.text).toMatch(/^CONV-3 Webhooks stopped arriving \(conversation\)\nid: don:core:/);
    expect(res.text).toMatch(/customer: Umbrella \(ACC-3\) · group: Support L1 · parts: Developer API/);
    expect(res.text).toMatch(
      /Messages:\n- \d{4}-\d{2}-\d{2} Jill Valentine \(external\): We have not received webhooks since 9am UTC\.\n- \d{4}-\d{2}-\d{2} Alice Anders \(external\): Can you share a delivery id/,
    );
    const conv = res.structured.conversation as Row & { messages: Row[] };
    expect(conv).toMatchObject({ display_id: "CONV-3", stage: "waiting_on_user" });
    expect(conv.messages.map((m) => m.author)).toEqual(["Jill Valentine", "Alice Anders"]);
    expect(conv.earlier_messages).toBeUndefined();

    const byDon = await call("devrev_conversations_get", { id: conv.id, messages: 1 });
    const one = byDon.structured.conversation as Row & { messages: Row[] };
    expect(one.messages.map((m) => m.body)).toEqual(["Can you share a delivery id from your endpoint logs?"]);
    expect(one.earlier_messages).toBe(true);
    expect(byDon.text).toMatch(/earlier ones left out/);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("names the right tool for another kind of id and explains a missing one", async () => {
    const wrong = await call("devrev_conversations_get", { id: "TKT-1" });
    expect(wrong.isError).toBe(true);
    expect(wrong.text).toMatch(/ticket id, not a conversation.*devrev_works_get/);
    const missing = await call("devrev_conversations_get", { id: "CONV-999" });
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(/found no such object/);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });
});

describe("creating and updating conversations", () => {
  it("creates a conversation for a customer with a first message, owned by the caller", async () => {
    const created = await call("devrev_conversations_create", {
      title: "Question about SSO",
      account: "ACC-2",
      members: ["me"],
      message: "Do you support SAML single sign-on?",
    });
    expect(created.isError, created.text).toBe(false);
    expect(created.text).toMatch(/^Created CONV-7\./);
    expect(created.structured.conversation).toMatchObject({
      display_id: "CONV-7",
      title: "Question about SSO",
    });
    expect(created.text).toMatch(/owners: Alice Anders/);
    expect(created.text).toMatch(/customer: Initech \(ACC-2\)/);
    expect(created.text).toMatch(
      /Messages:\n- \d{4}-\d{2}-\d{2} Alice Anders \(external\): Do you support SAML/,
    );

    const listed = await call("devrev_conversations_list", { account: ["ACC-2"] });
    expect(listed.items.map((c) => c.display_id)).toContain("CONV-7");
    const read = await call("devrev_conversations_get", { id: "CONV-7" });
    expect(read.text).toContain("Do you support SAML single sign-on?");
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("updates stage and owners, and explains nothing-to-change and an unknown stage", async () => {
    const upd = await call("devrev_conversations_update", {
      id: "CONV-1",
      stage: "waiting_on_user",
      owned_by: ["me"],
    });
    expect(upd.isError, upd.text).toBe(false);
    expect(upd.text).toMatch(
      /^Updated CONV-1 \(stage, owned_by\)\.\nCONV-1 Invoice total looks wrong — stage: waiting_on_user/,
    );
    expect(upd.structured.conversation).toMatchObject({ stage: "waiting_on_user" });
    const after = await call("devrev_conversations_list", { stage: ["waiting_on_user"] });
    expect(after.items.map((c) => c.display_id)).toContain("CONV-1");

    const nothing = await call("devrev_conversations_update", { id: "CONV-1" });
    expect(nothing.isError).toBe(true);
    expect(nothing.text).toMatch(/Nothing to change/);
    const badStage = await call("devrev_conversations_update", { id: "CONV-1", stage: "sleeping" });
    expect(badStage.isError).toBe(true);
    expect(badStage.text).toMatch(/DevRev rejected the conversations\.update request/);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("is refused on a read-only connection", async () => {
    const ro = await connectClient(`${mcp.server.url.replace(/\/mcp$/, "")}/mcp/readonly`, "sandbox-alice");
    try {
      const names = (await ro.listTools()).tools.map((t) => t.name);
      expect(names).toEqual(
        expect.arrayContaining(["devrev_conversations_list", "devrev_conversations_get"]),
      );
      expect(names).not.toContain("devrev_conversations_update");
      const refused = await ro.callTool({
        name: "devrev_conversations_update",
        arguments: { id: "CONV-2", title: "x" },
      });
      expect(refused.isError).toBe(true);
    } finally {
      await ro.close();
    }
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });
});

describe("devrev://conversations/{id}", () => {
  it("reads a conversation with its messages and completes ids", async () => {
    const { resourceTemplates } = await mcp.client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toContain("devrev://conversations/{id}");
    const res = await mcp.client.readResource({ uri: "devrev://conversations/CONV-2" });
    const text = (res.contents[0] as { text: string }).text;
    expect(text).toMatch(/^CONV-2 Where can I find my receipts\? \(conversation\)/);
    expect(text).toContain("Use Request archive on the Invoices page");
    await expect(mcp.client.readResource({ uri: "devrev://conversations/ACC-1" })).rejects.toThrow(
      /devrev_accounts_get/,
    );

    const completion = await mcp.client.complete({
      ref: { type: "ref/resource", uri: "devrev://conversations/{id}" },
      argument: { name: "id", value: "web" },
    });
    expect(completion.completion.values).toEqual(["CONV-3"]);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });
});
