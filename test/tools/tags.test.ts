import { describe, expect, it } from "vitest";
import { useToolClient } from "../support/mcp-server.js";

// The tags toolset: list, read, create, rename and delete tags, and use them with works.

const mcp = useToolClient({ MCP_TOOLSETS: "all", MCP_ENABLE_DESTRUCTIVE_TOOLS: "true" });
const { call } = mcp;
type Row = Record<string, unknown>;

const store = () => mcp.server.sandbox.state.store;
const TAG = "don:core:dvrv-us-1:devo/1sandbx:tag";

describe("tags", () => {
  it("lists tags with the full ids the works tools take, filters by name and pages", async () => {
    const all = await call("devrev_tags_list");
    expect(all.items).toHaveLength(store().tags.size);
    expect(all.text.split("\n")[0]).toBe(`TAG-1 bug — Something is broken · id: ${TAG}/1`);
    const bug = await call("devrev_tags_list", { name: ["bug"] });
    expect(bug.items).toEqual([
      {
        id: `${TAG}/1`,
        display_id: "TAG-1",
        name: "bug",
        description: "Something is broken",
        color: "#d73a4a",
      },
    ]);
    const page = await call("devrev_tags_list", { limit: 2, sort_by: ["name:asc"] });
    expect(page.items.map((t) => t.name)).toEqual(["bug", "customer-escalation"]);
    expect(page.text).toMatch(/More tags exist: call again with cursor="[^"]+"\.$/);
    // The ids shown filter works directly.
    const tagged = await call("devrev_works_list", { tags: [`${TAG}/1`], limit: 100 });
    const expected = store()
      .works.all()
      .filter((w) => w.tags.some((t) => t.id === `${TAG}/1`));
    expect(tagged.items).toHaveLength(expected.length);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("gets a tag by display id or don: id and names the right tool for other ids", async () => {
    const byDisplay = await call("devrev_tags_get", { id: "TAG-3" });
    expect(byDisplay.text).toBe(`TAG-3 customer-escalation — Escalated by account management · id: ${TAG}/3`);
    const byDon = await call("devrev_tags_get", { id: `${TAG}/3` });
    expect(byDon.structured.tag).toEqual(byDisplay.structured.tag);
    const wrong = await call("devrev_tags_get", { id: "ISS-3" });
    expect(wrong.isError).toBe(true);
    expect(wrong.text).toMatch(/issue id, not a tag\. Use devrev_works_get/);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("creates, renames and deletes a tag", async () => {
    const created = await call("devrev_tags_create", {
      name: "churn-risk",
      description: "Customer may leave",
      allowed_values: ["low", "high"],
      color: "#ff8800",
    });
    expect(created.isError, created.text).toBe(false);
    const tag = created.structured.tag as Row;
    expect(tag).toMatchObject({ name: "churn-risk", allowed_values: ["low", "high"], color: "#ff8800" });
    expect(created.text).toMatch(
      /^Created tag TAG-\d+ churn-risk — values: low\|high · Customer may leave · id: /,
    );
    const duplicate = await call("devrev_tags_create", { name: "Churn-Risk" });
    expect(duplicate.isError).toBe(true);
    expect(duplicate.text).toMatch(/DevRev rejected the tags\.create request.*already exists/);

    const renamed = await call("devrev_tags_update", {
      id: tag.display_id,
      name: "churn",
      allowed_values: ["low", "medium", "high"],
    });
    expect(renamed.isError, renamed.text).toBe(false);
    expect(renamed.structured.changed).toEqual(["name", "allowed_values"]);
    expect(store().tags.get(tag.id as string)).toMatchObject({
      name: "churn",
      allowed_values: ["low", "medium", "high"],
    });
    const nothing = await call("devrev_tags_update", { id: tag.display_id });
    expect(nothing.text).toMatch(/^Nothing to change/);

    const deleted = await call("devrev_tags_delete", { id: tag.display_id, confirm: true });
    expect(deleted.text).toBe(`Deleted tag ${tag.display_id} (${tag.id}).`);
    expect(store().tags.get(tag.id as string)).toBeUndefined();
    const { tools } = await mcp.client.listTools();
    expect(tools.find((t) => t.name === "devrev_tags_delete")?.annotations?.destructiveHint).toBe(true);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });
});
