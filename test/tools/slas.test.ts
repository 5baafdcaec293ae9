import { describe, expect, it } from "vitest";
import { useToolClient } from "../support/mcp-server.js";

// The slas toolset: the SLAs and a ticket's SLA status.

const mcp = useToolClient({ MCP_TOOLSETS: "all" });
const { call } = mcp;

const store = () => mcp.server.sandbox.state.store;
const ORG = "don:core:dvrv-us-1:devo/1sandbx";

describe("SLAs", () => {
  it("lists SLAs and filters by what they apply to, status and type", async () => {
    const all = await call("devrev_slas_list");
    expect(all.text.split("\n")).toEqual([
      `SLA-1 Enterprise Support SLA — type: external · status: published · period: monthly · id: ${ORG}:sla/1`,
      `SLA-2 Internal Bug Triage — type: internal · status: published · period: monthly · id: ${ORG}:sla/2`,
      `SLA-3 Legacy Gold SLA — type: external · status: archived · period: monthly · id: ${ORG}:sla/3`,
      "End of SLAs.",
    ]);
    const issues = await call("devrev_slas_list", { applies_to: ["issue"] });
    expect(issues.items.map((s) => s.name)).toEqual(["Internal Bug Triage"]);
    const live = await call("devrev_slas_list", { applies_to: ["ticket"], status: ["published"] });
    expect(live.items.map((s) => s.name)).toEqual(["Enterprise Support SLA"]);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("gets one SLA and explains other ids", async () => {
    const res = await call("devrev_slas_get", { id: `${ORG}:sla/1` });
    expect(res.structured.sla).toMatchObject({
      name: "Enterprise Support SLA",
      sla_type: "external",
      status: "published",
    });
    expect(res.text.split("\n")[0]).toBe(
      `SLA-1 Enterprise Support SLA — type: external · status: published · period: monthly · id: ${ORG}:sla/1`,
    );
    const wrong = await call("devrev_slas_get", { id: "TKT-3" });
    expect(wrong.text).toMatch(
      /"TKT-3" is not an SLA id \(it is a ticket id\)\. For a ticket's SLA status use devrev_sla_trackers_get/,
    );
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("shows a ticket's SLA status from the ticket or the tracker id", async () => {
    const ticket = store().works.get("TKT-3");
    const tracker = store().slaTrackers.get(ticket?.sla_tracker ?? "");
    expect(tracker).toBeDefined();
    const res = await call("devrev_sla_trackers_get", { id: "TKT-3" });
    expect(res.isError, res.text).toBe(false);
    const target = `${tracker?.target_time.slice(0, 16).replace("T", " ")} UTC`;
    expect(res.text).toBe(
      [
        `SLA Enterprise Support SLA on TKT-3: ${tracker?.stage}`,
        `- First response: ${tracker?.stage} · target: ${target}`,
        `tracker: ${tracker?.id}`,
      ].join("\n"),
    );
    expect(res.structured).toMatchObject({
      ticket: "TKT-3",
      tracker: { id: tracker?.id, stage: tracker?.stage, sla: { name: "Enterprise Support SLA" } },
    });
    const byTracker = await call("devrev_sla_trackers_get", { id: tracker?.id });
    expect(byTracker.structured.tracker).toEqual(res.structured.tracker);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("says when no SLA applies, and that issues have no SLA status here", async () => {
    const none = await call("devrev_sla_trackers_get", { id: "TKT-2" });
    expect(none.isError).toBe(false);
    expect(none.text).toBe("No SLA applies to TKT-2: it has no SLA tracker.");
    expect(none.structured).toEqual({ ticket: "TKT-2", tracker: null });
    const issue = await call("devrev_sla_trackers_get", { id: "ISS-2" });
    expect(issue.text).toBe("ISS-2 is an issue; SLA status is tracked on tickets.");
    const account = await call("devrev_sla_trackers_get", { id: "ACC-1" });
    expect(account.text).toMatch(/is not a ticket or SLA tracker id/);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });
});
