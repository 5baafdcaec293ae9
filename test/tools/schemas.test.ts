import { describe, expect, it } from "vitest";
import { connectClient, startTestServer, useToolClient } from "../support/mcp-server.js";

// The schemas toolset: subtypes (beta) and the fields of an object type.

const mcp = useToolClient({ MCP_TOOLSETS: "all" });
const { call } = mcp;
type Row = Record<string, unknown>;

describe("schemas", () => {
  it("lists subtypes, per object type", async () => {
    const all = await call("devrev_subtypes_list");
    expect(all.text).toBe("ticket/billing_dispute — Billing dispute\nissue/bug — Bug");
    const issue = await call("devrev_subtypes_list", { leaf_type: "issue" });
    expect(issue.items).toEqual([
      {
        leaf_type: "issue",
        value: "bug",
        display_name: "Bug",
        fragment_id: expect.stringMatching(/^don:core:/),
      },
    ]);
    const none = await call("devrev_subtypes_list", { leaf_type: "task" });
    expect(none.text).toBe("No subtypes of task.");
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("shows stock and custom fields with types and enum values", async () => {
    const res = await call("devrev_custom_fields_get", { leaf_type: "ticket", subtype: "billing_dispute" });
    expect(res.isError, res.text).toBe(false);
    expect(res.structured.custom_fields).toEqual([
      { name: "ctype__invoice_number", type: "text", label: "Invoice number" },
      { name: "ctype__disputed_amount", type: "int", label: "Disputed amount" },
    ]);
    expect(res.text).toContain(
      "Fields of ticket / billing_dispute (Billing dispute)\nCustom fields (2):\n- ctype__invoice_number (text) — Invoice number",
    );
    expect(res.text).toContain("- severity (enum: blocker|high|medium|low) — Severity");
    expect(res.text).toContain("- owned_by (array<id>: → dev_user) — Owner");
    expect(res.text).toContain("- title (text: required) — Title");
    const stock = await call("devrev_custom_fields_get", { leaf_type: "issue" });
    expect(stock.structured.custom_fields).toEqual([]);
    expect(stock.text).toContain("Custom fields (0):\n(none)");
    expect((stock.structured.stock_fields as Row[]).find((f) => f.name === "priority")).toEqual({
      name: "priority",
      type: "enum",
      label: "Priority",
      allowed_values: ["p0", "p1", "p2", "p3"],
    });
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("hides the beta subtypes tool when beta tools are off, but keeps the fields tool", async () => {
    const noBeta = await startTestServer(
      { MCP_TOOLSETS: "schemas", MCP_ENABLE_BETA_TOOLS: "false" },
      { sandbox: mcp.server.sandbox },
    );
    const client = await connectClient(noBeta.url, "sandbox-alice");
    try {
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names).toEqual(["devrev_custom_fields_get"]);
      const refused = await call("devrev_subtypes_list", {}, client);
      expect(refused.text).toMatch(/not available: it uses DevRev beta APIs/);
    } finally {
      await client.close();
      await noBeta.close();
    }
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });
});
