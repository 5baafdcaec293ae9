import { describe, expect, it } from "vitest";
import { useToolClient } from "../support/mcp-server.js";

// The links toolset: the edges between tickets, issues and parts.

const sent: Array<{ op: string; body: unknown }> = [];

const mcp = useToolClient(
  { MCP_TOOLSETS: "all", MCP_ENABLE_DESTRUCTIVE_TOOLS: "true" },
  { sandboxOptions: { hooks: { onRequest: (op, body) => void sent.push({ op, body }) } } },
);
const { call } = mcp;
type Row = Record<string, unknown>;

const store = () => mcp.server.sandbox.state.store;

describe("links", () => {
  it("lists an object's links in both directions, seen from the object", async () => {
    const issue = store().works.get("ISS-1");
    const expected = store()
      .links.all()
      .filter((l) => l.source === issue?.id || l.target === issue?.id);
    const res = await call("devrev_links_list", { object: "ISS-1" });
    expect(res.isError, res.text).toBe(false);
    expect(res.items).toHaveLength(expected.length);
    expect(res.text.split("\n")[0]).toBe("Links of ISS-1:");
    expect(res.text).toMatch(
      /\n← TKT-1 \[ticket\] Invoice PDF is missing line items \(\w+\) \(stage: canceled · sev: high · org: \w+\) is_related_to this · link: don:core:dvrv-us-1:devo\/1sandbx:link\/1 · \d{4}-\d{2}-\d{2}\n/,
    );
    expect(res.text).toMatch(
      /\n→ is_dependent_on ISS-2 \[issue\] .* · link: don:core:dvrv-us-1:devo\/1sandbx:link\/\d+/,
    );
    // The object is always sent: the live API answers 400 without it.
    expect(sent.filter((r) => r.op === "links.list").at(-1)?.body).toMatchObject({ object: issue?.id });
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("filters by direction and link type, and pages", async () => {
    const outgoing = await call("devrev_links_list", { object: "ISS-1", direction: "outgoing" });
    expect(outgoing.items.map((l) => (l.target as Row).display_id)).toEqual(["ISS-2"]);
    const dup = await call("devrev_links_list", { object: "ISS-1", link_type: ["is_duplicate_of"] });
    expect(dup.items.map((l) => (l.source as Row).display_id)).toEqual(["ISS-40"]);
    const first = await call("devrev_links_list", { object: "ISS-1", limit: 2 });
    expect(first.items).toHaveLength(2);
    const next = await call("devrev_links_list", {
      object: "ISS-1",
      limit: 2,
      cursor: first.structured.next_cursor,
    });
    expect(next.items[0]?.id).not.toBe(first.items[0]?.id);
    const none = await call("devrev_links_list", { object: "TKT-2" });
    expect(none.text).toBe("TKT-2 has no links matching these filters.\nEnd of links.");
    const missing = await call("devrev_links_list", {});
    expect(missing.text).toMatch(/Invalid arguments for devrev_links_list:\n- object:/);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("links a ticket to an issue by display ids, refuses a self-link, and deletes the link", async () => {
    const created = await call("devrev_links_create", {
      source: "TKT-2",
      target: "ISS-5",
      link_type: "is_related_to",
    });
    expect(created.isError, created.text).toBe(false);
    const link = created.structured.link as Row;
    expect(created.text).toMatch(
      /^Linked: TKT-2 \[ticket\] .* —is_related_to→ ISS-5 \[issue\] .* · link: don:core:/,
    );
    expect(store().links.get(link.id as string)).toMatchObject({
      source: store().works.get("TKT-2")?.id,
      target: store().works.get("ISS-5")?.id,
    });
    const seen = await call("devrev_links_list", { object: "ISS-5", direction: "incoming" });
    expect(seen.items.map((l) => l.id)).toContain(link.id);

    const self = await call("devrev_links_create", {
      source: "TKT-2",
      target: "TKT-2",
      link_type: "is_related_to",
    });
    expect(self.text).toBe("source and target must be different objects.");
    const notLink = await call("devrev_links_delete", { id: "TKT-2", confirm: true });
    expect(notLink.text).toMatch(/"TKT-2" is not a link id\. Link ids end in link\/N/);

    const deleted = await call("devrev_links_delete", { id: link.id, confirm: true });
    expect(deleted.isError, deleted.text).toBe(false);
    expect(store().links.get(link.id as string)).toBeUndefined();
    expect(store().works.get("TKT-2")).toBeDefined();
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });
});
