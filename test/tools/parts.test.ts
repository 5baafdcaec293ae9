import { describe, expect, it } from "vitest";
import { useToolClient } from "../support/mcp-server.js";

// The parts toolset: the product tree, read, created, changed and pruned; and devrev://parts/{id}.

const mcp = useToolClient({ MCP_TOOLSETS: "all", MCP_ENABLE_DESTRUCTIVE_TOOLS: "true" });
const { call } = mcp;
type Row = Record<string, unknown>;

const store = () => mcp.server.sandbox.state.store;
const ALICE = "don:identity:dvrv-us-1:devo/1sandbx:devu/1";

describe("reading parts", () => {
  it("lists parts one per line and filters by type, name, owner and parent", async () => {
    const all = await call("devrev_parts_list", { limit: 3 });
    expect(all.text.split("\n")).toEqual([
      expect.stringMatching(
        /^PROD-1 \[product\] Billing — owner: Alice Anders · updated: \d{4}-\d{2}-\d{2}$/,
      ),
      expect.stringMatching(/^CAPL-1 \[capability\] Invoicing — owner: Carol Chen · /),
      expect.stringMatching(/^FEAT-1 \[feature\] PDF invoices — /),
      `More parts exist: call again with cursor="${all.structured.next_cursor}".`,
    ]);
    const products = await call("devrev_parts_list", { type: ["product"] });
    expect(products.items.map((p) => p.name)).toEqual(["Billing", "Mobile App", "Developer API"]);
    const named = await call("devrev_parts_list", { name: ["Refunds"] });
    expect(named.items.map((p) => p.display_id)).toEqual(["FEAT-4"]);
    const children = await call("devrev_parts_list", { parent: "PROD-2" });
    expect(children.items.map((p) => p.display_id)).toEqual(["CAPL-3", "CAPL-4", "ENH-2"]);
    const mine = await call("devrev_parts_list", { owned_by: ["me"] });
    expect(mine.items.map((p) => p.display_id)).toEqual(["PROD-1"]);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("gets a part with its children, and names the tool for another kind of id", async () => {
    const res = await call("devrev_parts_get", { id: "CAPL-1" });
    expect(res.text).toMatch(
      /^CAPL-1 \[capability\] Invoicing\nid: don:core:dvrv-us-1:devo\/1sandbx:capability\/1\nowners: Carol Chen\ncreated: .*\n\nCreating and delivering invoices\n\nChildren:\n- FEAT-1 \[feature\] PDF invoices — .*\n- FEAT-2 \[feature\] Tax calculation — /,
    );
    expect((res.structured.children as Row[]).map((c) => c.display_id)).toEqual(["FEAT-1", "FEAT-2"]);
    const enh = await call("devrev_parts_get", { id: "ENH-1" });
    expect(enh.structured.part).toMatchObject({ type: "enhancement", target_close_date: expect.any(String) });
    expect(enh.text).toMatch(/target close: \d{4}-\d{2}-\d{2}/);
    const wrong = await call("devrev_parts_get", { id: "TKT-1" });
    expect(wrong.isError).toBe(true);
    expect(wrong.text).toMatch(/ticket id, not a part .*Use devrev_works_get/);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("reads devrev://parts/{id} with real data and completes ids by display id or name", async () => {
    const { resourceTemplates } = await mcp.client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toContain("devrev://parts/{id}");
    const res = await mcp.client.readResource({ uri: "devrev://parts/PROD-3" });
    const text = (res.contents[0] as { text: string }).text;
    expect(text).toMatch(/^PROD-3 \[product\] Developer API\n/);
    expect(text).toContain("The public REST API");
    expect(text).toMatch(/- CAPL-5 \[capability\] Webhooks/);
    const complete = async (value: string) =>
      (
        await mcp.client.complete({
          ref: { type: "ref/resource", uri: "devrev://parts/{id}" },
          argument: { name: "id", value },
        })
      ).completion.values;
    expect(await complete("webh")).toEqual(["CAPL-5", "FEAT-7"]);
    expect(await complete("PROD-")).toEqual(["PROD-1", "PROD-2", "PROD-3"]);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });
});

describe("changing parts", () => {
  it("creates a feature under a capability, owned by the caller, and checks the parent rule", async () => {
    const res = await call("devrev_parts_create", {
      type: "feature",
      name: "Invoice reminders",
      parent: "CAPL-1",
      description: "Email reminders for unpaid invoices",
    });
    expect(res.isError, res.text).toBe(false);
    const part = res.structured.part as Row;
    expect(res.text).toMatch(/^Created FEAT-\d+\.\nFEAT-\d+ \[feature\] Invoice reminders\n/);
    expect(part.owners).toEqual([expect.objectContaining({ id: ALICE })]);
    expect(store().parts.get(part.id as string)?.parent).toBe(store().parts.get("CAPL-1")?.id);
    const children = await call("devrev_parts_list", { parent: "CAPL-1" });
    expect(children.items.map((p) => p.name)).toContain("Invoice reminders");

    const orphan = await call("devrev_parts_create", { type: "feature", name: "Orphan" });
    expect(orphan.text).toMatch(/A feature must have a parent part/);
    const product = await call("devrev_parts_create", {
      type: "product",
      name: "Analytics",
      parent: "PROD-1",
    });
    expect(product.text).toMatch(/A product is a root part/);
    const created = await call("devrev_parts_create", { type: "product", name: "Analytics" });
    expect((created.structured.part as Row).display_id).toBe("PROD-4");
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("updates name, description, owners and an enhancement's date; refuses an empty change", async () => {
    const res = await call("devrev_parts_update", {
      id: "FEAT-6",
      name: "Sync conflict resolution",
      owned_by: ["me"],
    });
    expect(res.isError, res.text).toBe(false);
    expect(res.structured.changed).toEqual(["name", "owned_by"]);
    expect(store().parts.get("FEAT-6")).toMatchObject({
      name: "Sync conflict resolution",
      owned_by: [ALICE],
    });
    const enh = await call("devrev_parts_update", { id: "ENH-1", target_close_date: "2027-03-31" });
    expect((enh.structured.part as Row).target_close_date).toMatch(/^2027-03-31/);
    const notEnh = await call("devrev_parts_update", { id: "FEAT-6", target_close_date: "2027-03-31" });
    expect(notEnh.text).toMatch(/target_close_date applies to enhancements; FEAT-6 is a feature/);
    const nothing = await call("devrev_parts_update", { id: "FEAT-6" });
    expect(nothing.text).toMatch(/^Nothing to change/);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("deletes a leaf part and reports DevRev's refusal for a part with children", async () => {
    const leaf = await call("devrev_parts_delete", { id: "FEAT-8", confirm: true });
    expect(leaf.isError, leaf.text).toBe(false);
    expect(leaf.text).toBe("Deleted part FEAT-8 (don:core:dvrv-us-1:devo/1sandbx:feature/8).");
    expect(store().parts.get("FEAT-8")).toBeUndefined();
    const parent = await call("devrev_parts_delete", { id: "CAPL-5", confirm: true });
    expect(parent.isError).toBe(true);
    expect(parent.text).toMatch(/DevRev rejected the parts\.delete request.*has child parts/);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });
});
