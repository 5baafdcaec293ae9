import { afterEach, describe, expect, it } from "vitest";
import { useToolClient } from "../support/mcp-server.js";

// The incidents toolset (DevRev beta) against the seeded sandbox: severities, stages by name.

const mcp = useToolClient({ MCP_TOOLSETS: "incidents", MCP_ENABLE_DESTRUCTIVE_TOOLS: "true" });
const { call } = mcp;
afterEach(() => {
  expect(mcp.server.sandbox.violations()).toEqual([]);
});

interface Incident {
  id: string;
  display_id?: string;
  title: string;
  severity?: string;
  stage?: string;
  owners: Array<{ id: string; name?: string; email?: string }>;
  parts?: Array<{ display_id?: string }>;
  body?: string;
  mitigated_date?: string;
  actual_close_date?: string;
  target_close_date?: string;
}

describe("incidents toolset", () => {
  it("lists incidents with severity label, stage, owner, part and dates", async () => {
    const { text, structured } = await call<{ items: Incident[] }>("devrev_incidents_list");
    expect(structured.items.map((i) => i.display_id)).toEqual(["INC-3", "INC-2", "INC-1"]);
    expect(text).toMatch(
      /^INC-2 Card payments failing for Visa — sev: Sev0 · stage: resolved · owner: .+ · part: Card payments · identified: \d{4}-\d{2}-\d{2} · mitigated: .+ · closed: \d{4}-\d{2}-\d{2}$/m,
    );
  });

  it("filters by stage name, severity and owner", async () => {
    const mitigated = await call<{ items: Incident[] }>("devrev_incidents_list", { stage: ["Mitigated"] });
    expect(mitigated.structured.items.map((i) => i.display_id)).toEqual(["INC-1"]);
    const sev0 = await call<{ items: Incident[] }>("devrev_incidents_list", { severity: [0] });
    expect(sev0.structured.items.map((i) => i.display_id)).toEqual(["INC-2"]);
    const mine = await call<{ items: Incident[] }>("devrev_incidents_list", { owned_by: ["me"] });
    expect(mine.structured.items).toEqual([]);
    expect(mine.text).toMatch(/^No incidents match these filters\./);
    const unknownStage = await call("devrev_incidents_list", { stage: ["on_fire"] });
    expect(unknownStage.isError).toBe(true);
    expect(unknownStage.text).toMatch(/"on_fire" is not an incident stage/);
  });

  it("gets one incident by display id and names the right tool for a ticket id", async () => {
    const { text, structured } = await call<{ incident: Incident }>("devrev_incidents_get", { id: "INC-1" });
    expect(structured.incident).toMatchObject({
      title: "Webhook delivery delays in us-east",
      severity: "Sev1",
    });
    expect(text).toMatch(
      /^INC-1 Webhook delivery delays in us-east\nid: don:.+incident\/1\nseverity: Sev1 · stage: mitigated/,
    );
    expect(text).toContain("Dispatcher queue backed up after a deploy.");
    const wrong = await call("devrev_incidents_get", { id: "TKT-4" });
    expect(wrong.text).toMatch(/"TKT-4" is a ticket id, not an incident\. Use devrev_works_get/);
  });

  it("declares an incident, moves it through stages by name and deletes it", async () => {
    const declared = await call<{ incident: Incident }>("devrev_incidents_create", {
      title: "Login errors in eu-west",
      body: "Elevated 500s on /login.",
      severity: 1,
      applies_to_parts: ["PROD-1"],
      stage: "identified",
      identified_date: "2024-05-02T15:00:00Z",
    });
    expect(declared.isError).toBe(false);
    const inc = declared.structured.incident;
    expect(inc).toMatchObject({ severity: "Sev1", stage: "identified" });
    expect(inc.owners[0]?.email).toBe("alice@acme.test");
    expect(declared.text).toMatch(/^Declared INC-\d+\./);

    const mitigated = await call<{ incident: Incident; changed: string[] }>("devrev_incidents_update", {
      id: inc.display_id,
      stage: "mitigated",
      mitigated_date: "2024-05-02T16:00:00Z",
      severity: 2,
    });
    expect(mitigated.structured.changed).toEqual(["severity", "stage", "mitigated_date"]);
    expect(mitigated.structured.incident).toMatchObject({ stage: "mitigated", severity: "Sev2" });
    const resolved = await call<{ incident: Incident }>("devrev_incidents_update", {
      id: inc.id,
      stage: "resolved",
    });
    expect(resolved.structured.incident.stage).toBe("resolved");
    expect(resolved.structured.incident.actual_close_date).toBeTruthy();

    const deleted = await call("devrev_incidents_delete", { id: inc.display_id, confirm: true });
    expect(deleted.text).toBe(`Deleted incident ${inc.display_id}.`);
    expect((await call("devrev_incidents_get", { id: inc.display_id })).isError).toBe(true);
  });

  it("takes a plain date as midnight UTC", async () => {
    const made = await call<{ incident: Incident }>("devrev_incidents_create", {
      title: "Date check",
      target_close_date: "2024-06-01",
    });
    expect(made.isError, made.text).toBe(false);
    expect(made.structured.incident.target_close_date).toMatch(/^2024-06-01T00:00:00(\.000)?Z$/);
  });

  it("validates severity and dates before calling DevRev", async () => {
    mcp.server.sandbox.state.clearRequests();
    const sev = await call("devrev_incidents_create", { title: "x", severity: 12 });
    expect(sev.text).toMatch(/Invalid arguments[\s\S]*severity/);
    const date = await call("devrev_incidents_create", { title: "x", identified_date: "yesterday" });
    expect(date.text).toMatch(/identified_date: must be an ISO-8601 date or date-time/);
    expect(mcp.server.sandbox.state.requests().filter((r) => r.op.startsWith("incidents."))).toEqual([]);
  });
});
