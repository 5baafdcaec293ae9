import { describe, expect, it } from "vitest";
import { hintsOf } from "../support/hints.js";
import { connectClient, startTestServer, textOf, useToolClient } from "../support/mcp-server.js";

// The users toolset through the SDK client against the spec-validating sandbox: team members (dev
// users), customer contacts (rev users), and the devrev://users/{id} resource.

/** Request bodies as DevRev received them. */
const sent: Array<{ op: string; body: unknown }> = [];

const mcp = useToolClient(
  { MCP_TOOLSETS: "users", MCP_ENABLE_DESTRUCTIVE_TOOLS: "true" },
  { sandboxOptions: { hooks: { onRequest: (op, body) => void sent.push({ op, body }) } } },
);
const { call } = mcp;
type Row = Record<string, unknown>;

describe("dev users", () => {
  it("lists team members one per line with the full id filters need, and filters by state and e-mail", async () => {
    const all = await call("devrev_dev_users_list");
    expect(all.isError, all.text).toBe(false);
    expect(all.items.length).toBe(6);
    expect(all.text.split("\n")[0]).toMatch(
      /^DEVU-1 Alice Anders <alice@acme\.test> — .*id: don:identity:[^ ]+:devu\/1$/,
    );
    expect(all.text).toMatch(/End of dev users\.$/);

    const gone = await call("devrev_dev_users_list", { state: ["deactivated"] });
    expect(gone.items.map((u) => u.name)).toEqual(["Frank Fischer"]);

    const bob = await call("devrev_dev_users_list", { email: ["bob@acme.test"] });
    expect(bob.items).toHaveLength(1);
    expect(bob.items[0]).toMatchObject({ display_id: "DEVU-2", name: "Bob Brandt", handle: "bob" });
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("pages with a cursor and clamps the page size", async () => {
    const first = await call("devrev_dev_users_list", { limit: 4 });
    expect(first.items).toHaveLength(4);
    const cursor = first.structured.next_cursor as string;
    expect(first.text).toContain(`cursor="${cursor}"`);
    const second = await call("devrev_dev_users_list", { limit: 4, cursor });
    expect(second.items.map((u) => u.display_id)).toEqual(["DEVU-5", "DEVU-6"]);
    expect(second.structured.next_cursor).toBeUndefined();

    sent.length = 0;
    await call("devrev_dev_users_list", { limit: 5000 });
    expect(sent).toEqual([{ op: "dev-users.list", body: { limit: 100 } }]);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it('gets a dev user by "me", display id and don: id, and names the right tool for a contact id', async () => {
    const me = await call("devrev_dev_users_get", { id: "me" });
    expect(me.structured.user).toMatchObject({ email: "alice@acme.test", display_id: "DEVU-1" });
    const bob = await call("devrev_dev_users_get", { id: "DEVU-2" });
    expect(bob.text).toMatch(/^DEVU-2 Bob Brandt \(dev user\)/);
    const id = (bob.structured.user as Row).id as string;
    const byDon = await call("devrev_dev_users_get", { id });
    expect((byDon.structured.user as Row).email).toBe("bob@acme.test");

    const wrong = await call("devrev_dev_users_get", { id: "REVU-1" });
    expect(wrong.isError).toBe(true);
    expect(wrong.text).toMatch(/rev user id.*devrev_rev_users_get/);
    const missing = await call("devrev_dev_users_get", { id: "DEVU-999" });
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(/found no such object/);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });
});

describe("customer contacts (rev users)", () => {
  it("filters by rev org, by account (its rev orgs) and by e-mail", async () => {
    const byAccount = await call("devrev_rev_users_list", { rev_org: ["ACC-1"] });
    expect(byAccount.isError, byAccount.text).toBe(false);
    expect(byAccount.items.map((u) => u.name)).toEqual(["Hank Scorpio", "Mindy Simmons"]);
    for (const u of byAccount.items) expect((u.org as Row).display_id).toBe("REV-1");
    expect(byAccount.text).toMatch(/^REVU-1 Hank Scorpio <hank@globex\.test> — org: Globex/);

    const byOrg = await call("devrev_rev_users_list", { rev_org: ["REV-2"] });
    expect(byOrg.items.map((u) => u.display_id)).toEqual(["REVU-3", "REVU-4"]);

    const byEmail = await call("devrev_rev_users_list", { email: ["jill@umbrella.test"] });
    expect(byEmail.items.map((u) => u.name)).toEqual(["Jill Valentine"]);

    const wrong = await call("devrev_rev_users_list", { rev_org: ["TKT-1"] });
    expect(wrong.isError).toBe(true);
    expect(wrong.text).toMatch(/ticket id, not a customer.*devrev_works_get/);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("gets a contact by display id or don: id and explains a team member's id", async () => {
    const hank = await call("devrev_rev_users_get", { id: "REVU-1" });
    expect(hank.text).toMatch(/^REVU-1 Hank Scorpio \(customer contact\)\nid: don:/);
    expect(hank.text).toMatch(/customer: Globex \(REV-1, rev_org\)/);
    const id = (hank.structured.user as Row).id as string;
    expect((await call("devrev_rev_users_get", { id })).structured.user).toMatchObject({
      name: "Hank Scorpio",
    });

    const wrong = await call("devrev_rev_users_get", { id: "DEVU-1" });
    expect(wrong.isError).toBe(true);
    expect(wrong.text).toMatch(/dev user id.*devrev_dev_users_get/);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("creates a contact under an account's default rev org or a given rev org, and refuses duplicates", async () => {
    const viaAccount = await call("devrev_rev_users_create", {
      display_name: "Waylon Smithers",
      email: "waylon@globex.test",
      account: "ACC-1",
      phone_numbers: ["+14155550100"],
    });
    expect(viaAccount.isError, viaAccount.text).toBe(false);
    expect(viaAccount.text).toMatch(/^Created contact REVU-\d+\./);
    expect(viaAccount.structured.user).toMatchObject({
      name: "Waylon Smithers",
      email: "waylon@globex.test",
    });
    const stored = await call("devrev_rev_users_get", { id: (viaAccount.structured.user as Row).display_id });
    expect(stored.structured.user).toMatchObject({
      phone_numbers: ["+14155550100"],
      org: { display_id: "REV-1" },
    });

    const viaOrg = await call("devrev_rev_users_create", { display_name: "Bill Lumbergh", rev_org: "REV-2" });
    expect(viaOrg.text).toMatch(/customer: Initech \(REV-2, rev_org\)/);

    const before = mcp.server.sandbox.state.counts().rev_users;
    const dup = await call("devrev_rev_users_create", {
      display_name: "Again",
      email: "waylon@globex.test",
      rev_org: "REV-1",
    });
    expect(dup.isError).toBe(true);
    expect(dup.text).toMatch(/conflict/);
    const orphan = await call("devrev_rev_users_create", { display_name: "Nobody" });
    expect(orphan.isError).toBe(true);
    expect(orphan.text).toMatch(/exactly one of rev_org .* or account/);
    const both = await call("devrev_rev_users_create", {
      display_name: "X",
      rev_org: "REV-1",
      account: "ACC-1",
    });
    expect(both.isError).toBe(true);
    const badPhone = await call("devrev_rev_users_create", {
      display_name: "X",
      rev_org: "REV-1",
      phone_numbers: ["555-1234"],
    });
    expect(badPhone.text).toMatch(/E\.164/);
    expect(mcp.server.sandbox.state.counts().rev_users).toBe(before);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("updates only the fields given and says when nothing would change", async () => {
    const upd = await call("devrev_rev_users_update", {
      id: "REVU-2",
      email: "mindy.s@globex.test",
      description: "Head of finance",
    });
    expect(upd.isError, upd.text).toBe(false);
    expect(upd.text).toMatch(/^Updated REVU-2 \(email, description\)\./);
    expect(upd.structured).toMatchObject({
      user: { display_id: "REVU-2", email: "mindy.s@globex.test", name: "Mindy Simmons" },
      changed: ["email", "description"],
    });
    const stored = await call("devrev_rev_users_get", { id: "REVU-2" });
    expect(stored.structured.user).toMatchObject({
      description: "Head of finance",
      email: "mindy.s@globex.test",
    });
    const nothing = await call("devrev_rev_users_update", { id: "REVU-2" });
    expect(nothing.isError).toBe(true);
    expect(nothing.text).toMatch(/Nothing to change/);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("deletes a contact (destructive) and names who was deleted", async () => {
    const tools = (await mcp.client.listTools()).tools;
    const del = tools.find((t) => t.name === "devrev_rev_users_delete");
    expect(hintsOf(del)).toMatchObject({ destructiveHint: true, readOnlyHint: false });

    const res = await call("devrev_rev_users_delete", { id: "REVU-8", confirm: true });
    expect(res.isError, res.text).toBe(false);
    expect(res.text).toBe("Deleted contact REVU-8 (Nelson Bighetti).");
    expect(res.structured.deleted).toMatchObject({ display_id: "REVU-8", name: "Nelson Bighetti" });
    const again = await call("devrev_rev_users_get", { id: "REVU-8" });
    expect(again.isError).toBe(true);
    expect(again.text).toMatch(/found no such object/);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("hides and refuses the delete unless destructive tools are enabled", async () => {
    const safe = await startTestServer({ MCP_TOOLSETS: "users" }, { sandbox: mcp.server.sandbox });
    const client = await connectClient(safe.url, "sandbox-alice");
    try {
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names).toContain("devrev_rev_users_update");
      expect(names).not.toContain("devrev_rev_users_delete");
      const refused = await client.callTool({ name: "devrev_rev_users_delete", arguments: { id: "REVU-7" } });
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toMatch(/destructive tools are disabled/);
      expect(mcp.server.sandbox.state.counts().rev_users).toBeGreaterThan(0);
      const still = await call("devrev_rev_users_get", { id: "REVU-7" });
      expect(still.isError).toBe(false);
    } finally {
      await client.close();
      await safe.close();
    }
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });
});

describe("devrev://users/{id}", () => {
  it("is listed as a template and reads team members, contacts and me with real data", async () => {
    const { resourceTemplates } = await mcp.client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toContain("devrev://users/{id}");

    const read = async (uri: string) =>
      ((await mcp.client.readResource({ uri })).contents[0] as { text: string }).text;
    expect(await read("devrev://users/DEVU-2")).toMatch(
      /^DEVU-2 Bob Brandt \(dev user\)[\s\S]*bob@acme\.test/,
    );
    expect(await read("devrev://users/REVU-3")).toMatch(
      /^REVU-3 Peter Gibbons \(customer contact\)[\s\S]*Initech/,
    );
    expect(await read("devrev://users/me")).toMatch(/alice@acme\.test/);
    await expect(mcp.client.readResource({ uri: "devrev://users/TKT-1" })).rejects.toThrow(/not a user id/);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("completes ids from recent team members, and contacts for REVU", async () => {
    const complete = async (value: string) =>
      (
        await mcp.client.complete({
          ref: { type: "ref/resource", uri: "devrev://users/{id}" },
          argument: { name: "id", value },
        })
      ).completion.values;
    expect(await complete("car")).toEqual(["DEVU-4"]);
    expect(await complete("m")).toContain("me");
    expect(await complete("DEVU-")).toEqual(expect.arrayContaining(["DEVU-1", "DEVU-2"]));
    expect(await complete("DEVU-")).not.toContain("DEVU-6");
    expect(await complete("REVU-1")).toContain("REVU-1");
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });
});
