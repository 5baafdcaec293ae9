import { describe, expect, it } from "vitest";
import { hintsOf } from "../support/hints.js";
import { connectClient, startTestServer, useToolClient } from "../support/mcp-server.js";

// The groups toolset: teams, their members, and honest annotations for adding versus removing.

const mcp = useToolClient({ MCP_TOOLSETS: "all", MCP_ENABLE_DESTRUCTIVE_TOOLS: "true" });
const { call } = mcp;
type Row = Record<string, unknown>;

const store = () => mcp.server.sandbox.state.store;
const DEVU = "don:identity:dvrv-us-1:devo/1sandbx:devu";

describe("groups", () => {
  it("lists groups and filters by name and member type", async () => {
    const all = await call("devrev_groups_list");
    expect(all.text.split("\n")[0]).toBe(
      "GRP-1 Support L1 — members: dev user · owner: Alice Anders · First-line customer support",
    );
    expect(all.items).toHaveLength(store().groups.size);
    const customers = await call("devrev_groups_list", { member_type: ["rev_user"] });
    expect(customers.items.map((g) => g.name)).toEqual(["Enterprise contacts"]);
    const named = await call("devrev_groups_list", { name: ["Mobile Engineering"] });
    expect(named.items.map((g) => g.display_id)).toEqual(["GRP-3"]);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("gets a group with its members, by display id or don: id", async () => {
    const res = await call("devrev_groups_get", { id: "GRP-1" });
    expect(res.text).toBe(
      [
        "GRP-1 Support L1",
        "id: don:identity:dvrv-us-1:devo/1sandbx:group/1",
        "members: dev user · owner: Alice Anders",
        "First-line customer support",
        "",
        "Members (3):",
        `- Alice Anders <alice@acme.test> [dev_user] · id: ${DEVU}/1`,
        `- Bob Brandt <bob@acme.test> [dev_user] · id: ${DEVU}/2`,
        `- Carol Chen <carol@acme.test> [dev_user] · id: ${DEVU}/4`,
      ].join("\n"),
    );
    expect(res.structured.more_members).toBe(false);
    const byDon = await call("devrev_groups_get", { id: "don:identity:dvrv-us-1:devo/1sandbx:group/4" });
    expect((byDon.structured.members as Row[]).map((m) => m.type)).toEqual([
      "rev_user",
      "rev_user",
      "rev_user",
      "rev_user",
    ]);
    const wrong = await call("devrev_groups_get", { id: "TAG-1" });
    expect(wrong.text).toMatch(/tag id, not a group\. Use devrev_tags_get/);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("creates and updates a group", async () => {
    const created = await call("devrev_groups_create", {
      name: "Payments on-call",
      description: "Pages for payment outages",
      owner: "me",
    });
    expect(created.isError, created.text).toBe(false);
    const group = created.structured.group as Row;
    expect(group).toMatchObject({
      name: "Payments on-call",
      member_type: "dev_user",
      owner: { id: `${DEVU}/1` },
    });
    const updated = await call("devrev_groups_update", { id: group.display_id, name: "Payments on call" });
    expect(updated.structured.changed).toEqual(["name"]);
    expect(store().groups.get(group.id as string)?.name).toBe("Payments on call");
    const missing = await call("devrev_groups_create", { name: "No description" });
    expect(missing.text).toMatch(/Invalid arguments.*\n- description:/);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("lists and adds members in one tool; removing is a separate destructive tool", async () => {
    const added = await call("devrev_groups_members", { group: "GRP-3", action: "add", member: "me" });
    expect(added.isError, added.text).toBe(false);
    expect(added.text).toBe(`Added ${DEVU}/1 to GRP-3.`);
    const again = await call("devrev_groups_members", { group: "GRP-3", action: "add", member: "me" });
    expect(again.isError).toBe(false);
    expect(
      store()
        .groups.get("GRP-3")
        ?.members.filter((m) => m === `${DEVU}/1`),
    ).toHaveLength(1);

    const page = await call("devrev_groups_members", { group: "GRP-3", limit: 2 });
    expect(page.items.map((m) => m.id)).toEqual([`${DEVU}/2`, `${DEVU}/5`]);
    const rest = await call("devrev_groups_members", {
      group: "GRP-3",
      limit: 2,
      cursor: page.structured.next_cursor,
    });
    expect(rest.items.map((m) => m.id)).toEqual([`${DEVU}/1`]);
    expect(rest.text).toMatch(/End of members\.$/);
    const needsMember = await call("devrev_groups_members", { group: "GRP-3", action: "add" });
    expect(needsMember.text).toMatch(/action "add" must have `member`/);

    const removed = await call("devrev_groups_members_remove", {
      group: "GRP-3",
      member: "me",
      confirm: true,
    });
    expect(removed.isError, removed.text).toBe(false);
    expect(store().groups.get("GRP-3")?.members).not.toContain(`${DEVU}/1`);

    const { tools } = await mcp.client.listTools();
    const hints = (name: string) => hintsOf(tools.find((t) => t.name === name));
    expect(hints("devrev_groups_members")).toMatchObject({ readOnlyHint: false, destructiveHint: false });
    expect(hints("devrev_groups_members_remove")).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
    });
    expect(hints("devrev_groups_get")).toMatchObject({ readOnlyHint: true });
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("in read-only mode still shows members through devrev_groups_get", async () => {
    const ro = await startTestServer(
      { MCP_TOOLSETS: "groups", MCP_READ_ONLY: "true" },
      { sandbox: mcp.server.sandbox },
    );
    const client = await connectClient(ro.url, "sandbox-alice");
    try {
      const names = (await client.listTools()).tools.map((t) => t.name).sort();
      expect(names).toEqual(["devrev_groups_get", "devrev_groups_list"]);
      const res = await call("devrev_groups_get", { id: "GRP-2" }, client);
      expect(res.text).toMatch(/Members \(3\):/);
    } finally {
      await client.close();
      await ro.close();
    }
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });
});
