import { describe, expect, it } from "vitest";
import { useToolClient } from "../support/mcp-server.js";

// Issue 14's done-when: a support engineer's session on the default surface, through the SDK client,
// where every id or name passed to a call is one a previous result showed (read from the result's
// text, as a model would), never one the test looked up in the sandbox. Linking is not listed on
// the default surface but permitted: devrev_find_tools gives its schema and devrev_call_tool runs it.

const mcp = useToolClient();
const { call } = mcp;

/** The first match of `re` in `text`, or a failure that shows the text. */
function pick(text: string, re: RegExp): string {
  const m = text.match(re);
  if (!m?.[1]) throw new Error(`expected ${re} in:\n${text}`);
  return m[1];
}

describe("a support session on the default surface", () => {
  it("runs from who am I to a drafted reply with only what the results showed", async () => {
    const tools = (await mcp.client.listTools()).tools.map((t) => t.name);
    const used = new Set<string>();
    const run = async (name: string, args: Record<string, unknown>) => {
      expect(tools, `${name} is on the default surface`).toContain(name);
      used.add(name);
      const r = await call(name, args);
      expect(r.isError, `${name}: ${r.text}`).toBe(false);
      return r.text;
    };

    // Who am I: a name and a DEVU id.
    const me = await run("devrev_whoami", {});
    const myName = pick(me, /^You are (.+) in DevRev\./m);

    // My open tickets, by the forms the server documents: "me" and the open state.
    const mine = await run("devrev_works_list", {
      owned_by: ["me"],
      type: ["ticket"],
      state: ["open", "in_progress"],
    });
    const ticket = pick(mine, /^(TKT-\d+) \[ticket\]/m);
    expect(mine).toContain(myName);

    // One ticket with its timeline.
    const detail = await run("devrev_works_get", { id: ticket });
    const partId = pick(detail, /part: [^(\n]*\((\w+-\d+)\)/);
    const customer = pick(detail, /customer: ([^·\n]+?)(?: ·|$)/m);
    const timeline = await run("devrev_timeline_entries_list", { object: ticket });
    expect(timeline.length).toBeGreaterThan(0);

    // A comment on it.
    const comment = await run("devrev_timeline_entries_create", {
      object: ticket,
      body: "Looking into this now; engineering is involved.",
    });
    expect(comment).toMatch(new RegExp(`${ticket}`));

    // An issue for engineering, on the ticket's part, owned by the person whoami named.
    const issue = await run("devrev_works_create", {
      type: "issue",
      title: `Follow-up for ${ticket}`,
      part: partId,
      owned_by: [myName],
    });
    const issueId = pick(issue, /^Created (ISS-\d+)/);
    expect(issueId).toMatch(/^ISS-/);

    // Linked to the ticket: the link tool is found by intent, then run through devrev_call_tool
    // with the link type its schema offers.
    const found = await run("devrev_find_tools", { query: "link a ticket to an issue" });
    const linkTool = pick(
      found,
      /^(devrev_links_\w+) \(links; writes\) .*\[not listed; call it with devrev_call_tool/m,
    );
    const linkTypes = pick(
      found,
      new RegExp(`^${linkTool} .*\\n {2}input: .*"link_type":\\{[^}]*"enum":\\[([^\\]]+)\\]`, "m"),
    );
    const related = pick(linkTypes, /"(is_related_to)"/);
    const linked = await run("devrev_call_tool", {
      name: linkTool,
      arguments: { source: ticket, target: issueId, link_type: related },
    });
    expect(linked).toMatch(
      new RegExp(`^Linked: .*${ticket}.*is_related_to.*${issueId}|^Linked: .*${issueId}`),
    );
    const links = await run("devrev_call_tool", { name: "devrev_links_list", arguments: { object: ticket } });
    expect(links).toContain(issueId);

    // A stage move the diagram allows, named as a person would.
    const moved = await run("devrev_works_update", { id: ticket, stage: "Awaiting development" });
    expect(moved).toMatch(/stage: awaiting_development/);

    // The customer, by the name the ticket showed, and everything about it.
    const overview = await run("devrev_customer_overview", { customer });
    const account = pick(overview, /(ACC-\d+)/);
    expect(overview).toContain(ticket);

    // An article, by the id its list showed, with its body read from its content artifact.
    const articles = await run("devrev_articles_list", {});
    const article = pick(articles, /^(ART-\d+) /m);
    const read = await run("devrev_articles_get", { id: article });
    expect(read).toMatch(new RegExp(`^${article} `));
    expect(read).toMatch(/## Body\n\S/);

    // A drafted reply, from the prompt, with completion offering the ticket.
    const completion = await mcp.client.complete({
      ref: { type: "ref/prompt", name: "draft_customer_response" },
      argument: { name: "ticket_id", value: ticket },
    });
    expect(completion.completion.values[0]).toBe(ticket);
    const draft = await mcp.client.getPrompt({
      name: "draft_customer_response",
      arguments: { ticket_id: ticket },
    });
    const text = (draft.messages[0]?.content as { text?: string } | undefined)?.text ?? "";
    expect(text).toContain(ticket);
    expect(text).toContain(account);

    expect(used.size).toBeGreaterThanOrEqual(11);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });
});
