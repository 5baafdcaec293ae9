import { describe, expect, it } from "vitest";
import type { TimelineEntry } from "../../app/devrev/types.js";
import { renderEntryLine, toEntry } from "../../app/tools/timeline/entry-shape.js";
import { hintsOf } from "../support/hints.js";
import { connectClient, startTestServer, useToolClient } from "../support/mcp-server.js";

// The timeline toolset: reading comments and change events, editing and deleting comments.

const mcp = useToolClient({ MCP_TOOLSETS: "all", MCP_ENABLE_DESTRUCTIVE_TOOLS: "true" });
const { call } = mcp;

const store = () => mcp.server.sandbox.state.store;
const entriesOf = (display: string) => {
  const id = store().works.get(display)?.id;
  return store()
    .timeline.all()
    .filter((e) => e.object === id);
};

describe("devrev_timeline_entries_list", () => {
  it("shows comments and change events newest first, one line each", async () => {
    const res = await call("devrev_timeline_entries_list", { object: "TKT-1" });
    expect(res.isError, res.text).toBe(false);
    const expected = entriesOf("TKT-1");
    expect(res.items).toHaveLength(expected.length);
    const lines = res.text.split("\n");
    expect(lines[0]).toBe("Timeline of TKT-1, newest first:");
    expect(lines.at(-1)).toBe("End of timeline entries.");
    // TKT-1 was created in "queued" and moved to "canceled".
    expect(res.text).toMatch(
      /\n\d{4}-\d{2}-\d{2} [A-Z][a-z]+ [A-Z][a-z]+ changed stage: queued → canceled\n/,
    );
    expect(res.text).toMatch(/\n\d{4}-\d{2}-\d{2} .+ created TKT-1 "Invoice PDF is missing line items/);
    const comment = expected.find((e) => e.type === "timeline_comment");
    expect(res.text).toContain(`: ${comment?.body} — id: ${comment?.id}`);
    const dates = res.items.map((e) => e.created_date as string);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(res.items.find((e) => e.type === "timeline_change_event")).toMatchObject({
      change: expect.stringMatching(/^(created|changed)/),
    });
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("shows only comments or only events, pages, and takes don: ids and URLs", async () => {
    const comments = await call("devrev_timeline_entries_list", { object: "TKT-1", show: "comments" });
    expect(comments.items.length).toBeGreaterThan(0);
    for (const e of comments.items) expect(e.type).toBe("timeline_comment");
    expect(comments.text).toMatch(/End of comments\.$/);
    const events = await call("devrev_timeline_entries_list", { object: "TKT-1", show: "events" });
    for (const e of events.items) expect(e.type).toBe("timeline_change_event");

    const first = await call("devrev_timeline_entries_list", { object: "TKT-1", limit: 1 });
    expect(first.items).toHaveLength(1);
    const cursor = first.structured.next_cursor as string;
    expect(first.text).toContain(`More timeline entries exist: call again with cursor="${cursor}".`);
    const second = await call("devrev_timeline_entries_list", { object: "TKT-1", limit: 1, cursor });
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);

    const id = store().works.get("TKT-1")?.id;
    const byDon = await call("devrev_timeline_entries_list", { object: id });
    expect(byDon.structured.object).toBe(id);
    const byUrl = await call("devrev_timeline_entries_list", {
      object: "https://app.devrev.ai/acme/works/TKT-1",
    });
    expect(byUrl.items.length).toBe(byDon.items.length);
    const bad = await call("devrev_timeline_entries_list", { object: "hello" });
    expect(bad.isError).toBe(true);
    expect(bad.text).toMatch(/is not a DevRev id/);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("renders entry and event types the spec does not list without failing", () => {
    const base = { id: "don:core:dvrv-us-1:devo/1:ticket/1:x/1", created_date: "2026-01-02T03:04:05Z" };
    const odd = [
      { ...base, type: "timeline_widget" },
      { ...base, type: "timeline_change_event", event: { type: "annotated" } },
      {
        ...base,
        type: "timeline_change_event",
        event: {
          type: "linked",
          linked: {
            link: { link_type: "is_related_to", target: { id: "x", display_id: "ISS-9", title: "A bug" } },
          },
        },
      },
      {
        ...base,
        type: "timeline_change_event",
        event: {
          type: "updated",
          updated: {
            field_deltas: [
              {
                name: "owned_by",
                new_value: { type: "id_list", value: [{ id: "u", display_id: "DEVU-2" }] },
              },
            ],
          },
        },
      },
      { ...base, type: "timeline_change_event" },
    ] as unknown as TimelineEntry[];
    expect(odd.map((e) => renderEntryLine(toEntry(e)))).toEqual([
      "2026-01-02 someone [timeline_widget]",
      "2026-01-02 someone annotated",
      '2026-01-02 someone linked is_related_to ISS-9 "A bug"',
      "2026-01-02 someone changed owned_by: ∅ → DEVU-2",
      "2026-01-02 someone changed something",
    ]);
  });
});

describe("editing and deleting comments", () => {
  it("replaces a comment's text and shows who wrote it", async () => {
    const comment = entriesOf("TKT-4").find((e) => e.type === "timeline_comment");
    expect(comment).toBeDefined();
    const res = await call("devrev_timeline_entries_update", {
      id: comment?.id,
      body: "Corrected: it affects v3.2 too.",
    });
    expect(res.isError, res.text).toBe(false);
    expect(res.text).toMatch(
      /^Edited the comment on TKT-4 by .+ \(\d{4}-\d{2}-\d{2}\)\.\n> Corrected: it affects v3\.2 too\.$/,
    );
    expect(res.structured.comment).toMatchObject({
      id: comment?.id,
      body: "Corrected: it affects v3.2 too.",
      object_display_id: "TKT-4",
    });
    expect(store().timeline.get(comment?.id ?? "")?.body).toBe("Corrected: it affects v3.2 too.");
    const listed = await call("devrev_timeline_entries_list", { object: "TKT-4", show: "comments" });
    expect(listed.text).toMatch(/\[edited\]: Corrected: it affects v3\.2 too\./);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("explains ids that are not comments", async () => {
    const wrongKind = await call("devrev_timeline_entries_update", { id: "TKT-4", body: "x" });
    expect(wrongKind.isError).toBe(true);
    expect(wrongKind.text).toMatch(/ticket id, not a comment id\. Use devrev_works_get/);
    const event = entriesOf("TKT-4").find((e) => e.type === "timeline_change_event");
    const notComment = await call("devrev_timeline_entries_update", { id: event?.id, body: "x" });
    expect(notComment.isError).toBe(true);
    expect(notComment.text).toMatch(/DevRev rejected the timeline-entries\.update request/);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("deletes a comment, and is hidden and refused unless destructive tools are enabled", async () => {
    const comment = entriesOf("TKT-5").find((e) => e.type === "timeline_comment");
    const safe = await startTestServer({ MCP_TOOLSETS: "all" }, { sandbox: mcp.server.sandbox });
    const safeClient = await connectClient(safe.url, "sandbox-alice");
    try {
      const names = (await safeClient.listTools()).tools.map((t) => t.name);
      expect(names).toContain("devrev_timeline_entries_update");
      expect(names).not.toContain("devrev_timeline_entries_delete");
      const refused = await call(
        "devrev_timeline_entries_delete",
        { id: comment?.id, confirm: true },
        safeClient,
      );
      expect(refused.isError).toBe(true);
      expect(refused.text).toMatch(/not available: destructive tools are disabled/);
      expect(store().timeline.get(comment?.id ?? "")).toBeDefined();
    } finally {
      await safeClient.close();
      await safe.close();
    }
    const res = await call("devrev_timeline_entries_delete", { id: comment?.id, confirm: true });
    expect(res.isError, res.text).toBe(false);
    expect(res.text).toBe(`Deleted comment ${comment?.id}.`);
    expect(store().timeline.get(comment?.id ?? "")).toBeUndefined();
    const { tools } = await mcp.client.listTools();
    expect(hintsOf(tools.find((t) => t.name === "devrev_timeline_entries_delete"))).toMatchObject({
      destructiveHint: true,
      readOnlyHint: false,
    });
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });
});
