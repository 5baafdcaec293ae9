import { describe, expect, it } from "vitest";
import { useToolClient } from "../support/mcp-server.js";

// Issue 14 items 2 and 3 on the default surface: every id argument takes the forms results show
// (display ids, don: ids, names, e-mails, "me"), a wrong kind names the tool that lists the right
// kind, and work filters fail loudly (stage names checked against the diagrams, a state filter,
// empty results that say what was applied).

const sent: Array<{ op: string; body: Record<string, unknown> }> = [];
const bodies = (op: string) => sent.filter((r) => r.op === op).map((r) => r.body);

const mcp = useToolClient(
  {},
  {
    sandboxOptions: {
      hooks: {
        onRequest(op, body) {
          sent.push({ op, body: body as Record<string, unknown> });
          return undefined;
        },
      },
    },
  },
);
const { call } = mcp;
const store = () => mcp.server.sandbox.state.store;
const list = (args: Record<string, unknown>) => call("devrev_works_list", { limit: 100, ...args });
const ids = (r: { items: Array<Record<string, unknown>> }) => r.items.map((w) => w.display_id).sort();

describe("one id resolver", () => {
  it("owned_by takes me, DEVU-n, a don: id, an e-mail and a name, and they all mean the same person", async () => {
    const bob = store()
      .devUsers.all()
      .find((u) => u.email === "bob@acme.test");
    if (!bob) throw new Error("no bob in the seed");
    const expected = store()
      .works.all()
      .filter((w) => w.owned_by.includes(bob.id))
      .map((w) => w.display_id)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    for (const form of [bob.display_id, bob.id, "bob@acme.test", "Bob Brandt", "bob brandt"]) {
      const r = await list({ owned_by: [form] });
      expect(r.isError, `${form}: ${r.text}`).toBe(false);
      expect(ids(r), form).toEqual(expected);
    }
    const mine = await list({ owned_by: ["me"] });
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("rev_org takes REV-n, the account (ACC-n) and the customer's name", async () => {
    const globex = store()
      .accounts.all()
      .find((a) => a.display_name === "Globex");
    const org = store()
      .revOrgs.all()
      .find((o) => o.account === globex?.id);
    if (!globex || !org) throw new Error("no Globex in the seed");
    const expected = store()
      .works.all()
      .filter((w) => w.type === "ticket" && w.rev_org === org.id)
      .map((w) => w.display_id)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    for (const form of [org.display_id, globex.display_id, "Globex", "globex", org.id]) {
      const r = await list({ type: ["ticket"], rev_org: [form] });
      expect(r.isError, `${form}: ${r.text}`).toBe(false);
      expect(ids(r), form).toEqual(expected);
    }
  });

  it("tags take TAG-n and the tag's name; part takes its name as a ticket shows it", async () => {
    const bug = store()
      .tags.all()
      .find((t) => t.name === "bug");
    if (!bug) throw new Error("no bug tag in the seed");
    const byName = await list({ tags: ["bug"] });
    const byDisplay = await list({ tags: [bug.display_id] });
    expect(byName.isError, byName.text).toBe(false);
    expect(byName.items.length).toBeGreaterThan(0);
    expect(ids(byDisplay)).toEqual(ids(byName));

    const payments = store()
      .parts.all()
      .find((p) => p.name === "Payments");
    const byPart = await list({ part: ["Payments"] });
    expect(byPart.isError, byPart.text).toBe(false);
    expect(bodies("works.list").at(-1)?.applies_to_part).toEqual([payments?.id]);
  });

  it("a wrong kind of id names the tool that lists the right kind; an unknown name says where to look", async () => {
    const wrong = await list({ owned_by: ["TKT-1"] });
    expect(wrong.isError).toBe(true);
    expect(wrong.text).toMatch(/owned_by: "TKT-1" is a ticket id, not a dev user.*devrev_dev_users_list/);
    const customer = await list({ rev_org: ["DEVU-2"] });
    expect(customer.text).toMatch(/rev_org: "DEVU-2" is a dev user id, not a customer.*devrev_accounts_list/);
    const part = await list({ part: ["Nonexistent part"] });
    expect(part.isError).toBe(true);
    expect(part.text).toMatch(/part: nothing named "Nonexistent part" is a part.*devrev_parts_list/);
    const email = await list({ owned_by: ["nobody@acme.test"] });
    expect(email.text).toMatch(/no dev user has the e-mail "nobody@acme.test"/);
  });

  it("a name too short to mean anyone is refused with the forms that work", async () => {
    const users = await list({ owned_by: ["A"] });
    expect(users.isError).toBe(true);
    expect(users.text).toMatch(/owned_by: "A" is too short; give "me", DEVU-2, an e-mail or a name/);
  });

  it("resolves each value once per call, however often it is repeated", async () => {
    sent.length = 0;
    const r = await list({
      owned_by: ["bob@acme.test", "bob@acme.test", "Bob Brandt"],
      tags: ["bug", "bug"],
    });
    expect(r.isError, r.text).toBe(false);
    expect(bodies("dev-users.list").filter((b) => "email" in b)).toHaveLength(1);
    expect(bodies("tags.list")).toHaveLength(1);
    // Both forms named the same person: DevRev gets one id.
    expect(bodies("works.list").at(-1)?.owned_by).toHaveLength(1);
  });

  it("create and update take names for part, owners, customer and tags", async () => {
    const created = await call("devrev_works_create", {
      type: "ticket",
      title: "Refund stuck for Globex",
      part: "Refunds",
      owned_by: ["bob@acme.test"],
      rev_org: "Globex",
      tags: ["bug"],
    });
    expect(created.isError, created.text).toBe(false);
    const rec = store()
      .works.all()
      .find((w) => w.title === "Refund stuck for Globex");
    const bob = store()
      .devUsers.all()
      .find((u) => u.email === "bob@acme.test");
    expect(rec?.owned_by).toEqual([bob?.id]);
    expect(rec?.tags.map((t) => t.id)).toEqual([
      store()
        .tags.all()
        .find((t) => t.name === "bug")?.id,
    ]);
    const updated = await call("devrev_works_update", {
      id: rec?.display_id,
      add_tags: ["regression"],
      owned_by: ["Alice Anders"],
    });
    expect(updated.isError, updated.text).toBe(false);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });
});

describe("filters that fail loudly", () => {
  it("a state given as a stage is refused with the state filter to use instead", async () => {
    const r = await list({ stage: ["open"] });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/stage: "open" is a state, not a stage: filter with state: \["open"\]/);
    expect(r.text).toMatch(/ticket: queued, work_in_progress/);
  });

  it("an unknown stage is refused with the valid stages of the requested types", async () => {
    const r = await list({ type: ["issue"], stage: ["nonsense"] });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(
      /stage: "nonsense" is not a stage of issues\. Valid stages: issue: triage, backlog/,
    );
    expect(r.text).not.toMatch(/queued/);
  });

  it("stage names match loosely and go to DevRev exactly", async () => {
    const r = await list({ stage: ["Resolved"], type: ["ticket"] });
    expect(r.isError, r.text).toBe(false);
    expect(bodies("works.list").at(-1)?.stage).toEqual({ name: ["resolved"] });
    const expected = store()
      .works.all()
      .filter((w) => w.type === "ticket" && w.stage === "resolved").length;
    expect(r.items).toHaveLength(expected);
  });

  it("filters by state: open, in progress or closed", async () => {
    const open = await list({ type: ["ticket"], state: ["open"] });
    expect(open.isError, open.text).toBe(false);
    const openStages = new Set(["queued"]);
    const expected = store()
      .works.all()
      .filter((w) => w.type === "ticket" && openStages.has(w.stage)).length;
    expect(open.items).toHaveLength(expected);
    const bad = await list({ state: ["pending"] });
    expect(bad.isError).toBe(true);
    expect(bad.text).toMatch(/state/);
  });

  it("an empty result says which filters were applied", async () => {
    const r = await list({
      type: ["issue"],
      stage: ["wont_fix"],
      owned_by: ["Eve Evans"],
      severity: ["blocker"],
    });
    expect(r.isError, r.text).toBe(false);
    expect(r.items).toHaveLength(0);
    expect(r.text).toMatch(
      /^No work items match type=issue, stage=wont_fix, owned_by=Eve Evans, severity=blocker\./,
    );
  });
});
