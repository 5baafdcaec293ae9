import { afterEach, describe, expect, it } from "vitest";
import { useToolClient } from "../support/mcp-server.js";

// The works toolset end to end: SDK Client → HTTP → server → spec-validating sandbox.

const mcp = useToolClient();
const { call } = mcp;
afterEach(() => {
  expect(mcp.server.sandbox.violations()).toEqual([]);
});

type Structured = Record<string, unknown> & { items?: Array<Record<string, unknown>> };

describe("works toolset over Streamable HTTP", () => {
  it("initializes with tools, resources, prompts and logging", () => {
    expect(mcp.client.getServerVersion()).toMatchObject({ name: "devrev-mcp-server" });
    expect(mcp.client.getServerCapabilities()).toMatchObject({
      tools: {},
      resources: {},
      prompts: {},
      logging: {},
    });
    expect(mcp.client.getInstructions()).toMatch(/TKT-12/);
  });

  it("lists the works tools with their hints and an output schema on every tool", async () => {
    const { tools } = await mcp.client.listTools();
    const names = tools.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "devrev_whoami",
        "devrev_works_list",
        "devrev_works_get",
        "devrev_works_create",
        "devrev_works_update",
        "devrev_timeline_entries_create",
      ]),
    );
    for (const t of tools) {
      // Hints are listed where they differ from MCP's defaults; a write always says whether it
      // is destructive (the default is true).
      if (t.annotations?.readOnlyHint !== true)
        expect(typeof t.annotations?.destructiveHint, t.name).toBe("boolean");
      expect(t.outputSchema?.type, t.name).toBe("object");
    }
  });

  it("whoami answers as the caller", async () => {
    const { structured, text } = await call("devrev_whoami");
    expect(structured.email).toBe("alice@acme.test");
    expect(text).toMatch(/alice@acme\.test/);
  });

  it("lists works as compact lines and pages through more than one page", async () => {
    const first = await call("devrev_works_list", { limit: 10, type: ["ticket"] });
    expect(first.isError).toBe(false);
    expect(first.structured.items).toHaveLength(10);
    expect(first.text.split("\n")[0]).toMatch(/^TKT-\d+ \[ticket\] /);
    const cursor = first.structured.next_cursor as string;
    expect(cursor).toBeTruthy();
    expect(first.text).toContain(`cursor="${cursor}"`);
    const second = await call("devrev_works_list", { limit: 10, type: ["ticket"], cursor });
    const ids = (r: { structured: Structured }) => (r.structured.items ?? []).map((i) => i.id);
    expect(second.structured.items).toHaveLength(10);
    expect(ids(second).some((id) => ids(first).includes(id))).toBe(false);
  });

  it("filters by owner 'me', stage and severity", async () => {
    const mine = await call("devrev_works_list", { owned_by: ["me"], limit: 100 });
    const items = mine.structured.items ?? [];
    expect(items.length).toBeGreaterThan(0);
    for (const w of items) expect(JSON.stringify(w.owners)).toContain("alice@acme.test");
    const high = await call("devrev_works_list", { type: ["ticket"], severity: ["high"], limit: 100 });
    for (const w of high.structured.items ?? []) expect(w.severity).toBe("high");
  });

  it("applies date bounds itself, newest first", async () => {
    const all = await call("devrev_works_list", { limit: 100, sort_by: ["created_date:desc"] });
    const dates = (all.structured.items ?? []).map((w) => w.created_date as string);
    const pivot = dates[Math.floor(dates.length / 2)] as string;
    const recent = await call("devrev_works_list", { limit: 100, created_after: pivot });
    for (const w of recent.structured.items ?? []) expect((w.created_date as string) >= pivot).toBe(true);
  });

  it("gets a work item by display id, don: id and URL", async () => {
    const byDisplay = await call("devrev_works_get", { id: "TKT-1" });
    expect(byDisplay.isError).toBe(false);
    const work = byDisplay.structured.work as Record<string, unknown>;
    expect(work.display_id).toBe("TKT-1");
    const byDon = await call("devrev_works_get", { id: work.id });
    expect((byDon.structured.work as Record<string, unknown>).display_id).toBe("TKT-1");
    const byUrl = await call("devrev_works_get", { id: "https://app.devrev.ai/acme/works/TKT-1" });
    expect(byUrl.isError).toBe(false);
  });

  it("explains a wrong kind of id and a missing item", async () => {
    const wrong = await call("devrev_works_get", { id: "ACC-1" });
    expect(wrong.isError).toBe(true);
    expect(wrong.text).toMatch(/account id.*devrev_accounts_get/);
    const missing = await call("devrev_works_get", { id: "TKT-99999" });
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(/found no such object/);
  });

  it("rejects bad arguments with a message naming the field", async () => {
    const bad = await call("devrev_works_list", { limit: "ten" });
    expect(bad.isError).toBe(true);
    expect(bad.text).toMatch(/Invalid arguments for devrev_works_list:\n- limit:/);
  });

  it("creates a ticket and an issue, updates them and comments", async () => {
    const before = mcp.server.sandbox.state.counts();
    const ticket = await call("devrev_works_create", {
      type: "ticket",
      title: "Checkout fails on Safari",
      part: "PROD-1",
      severity: "high",
      body: "Steps: …",
    });
    expect(ticket.isError, ticket.text).toBe(false);
    const t = ticket.structured.work as Record<string, unknown>;
    expect(t).toMatchObject({ type: "ticket", severity: "high", title: "Checkout fails on Safari" });
    expect(ticket.text).toMatch(/^Created TKT-\d+/);

    const issue = await call("devrev_works_create", {
      type: "issue",
      title: "Fix Safari checkout",
      part: "PROD-1",
      priority: "p1",
    });
    expect(issue.isError, issue.text).toBe(false);
    expect(issue.structured.work).toMatchObject({ type: "issue", priority: "p1" });

    const updated = await call("devrev_works_update", {
      id: t.display_id,
      stage: "work_in_progress",
      severity: "blocker",
      owned_by: ["me"],
    });
    expect(updated.isError, updated.text).toBe(false);
    expect(updated.structured.work).toMatchObject({ stage: "work_in_progress", severity: "blocker" });
    expect(updated.structured.changed).toEqual(["stage", "owned_by", "severity"]);

    const comment = await call("devrev_timeline_entries_create", {
      object: t.display_id,
      body: "Looking into it.",
    });
    expect(comment.isError, comment.text).toBe(false);
    expect(comment.structured.comment).toMatchObject({ visibility: "internal" });

    const after = mcp.server.sandbox.state.counts();
    expect((after.tickets ?? 0) - (before.tickets ?? 0)).toBe(1);
    expect((after.issues ?? 0) - (before.issues ?? 0)).toBe(1);
  });

  it("refuses type-specific fields on the wrong type and empty updates", async () => {
    const r = await call("devrev_works_create", {
      type: "issue",
      title: "x",
      part: "PROD-1",
      severity: "high",
    });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/severity and rev_org apply to tickets only/);
    const empty = await call("devrev_works_update", { id: "TKT-1" });
    expect(empty.text).toMatch(/Nothing to change/);
  });

  it("audits every tool call with the caller and never logs the raw token", async () => {
    await call("devrev_whoami");
    const audits = mcp.server.logRecords().filter((r) => r.message === "audit");
    const toolCall = audits
      .map((r) => r.audit as Record<string, unknown>)
      .find((a) => a.event === "tool.call" && a.tool === "devrev_whoami");
    expect(toolCall).toMatchObject({ outcome: "success", category: "read", email: "alice@acme.test" });
    expect(String(toolCall?.token_hash)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(mcp.server.logs.join("")).not.toContain("sandbox-alice");
  });
});
