import { afterEach, describe, expect, it } from "vitest";
import { useToolClient } from "../support/mcp-server.js";

// devrev_search over DevRev's beta search.hybrid and search.core, against the seeded sandbox.

/** Bodies DevRev received, in order, so tests can check what the tool asked for. */
const sent: Array<{ op: string; body: unknown }> = [];

const mcp = useToolClient(
  { MCP_TOOLSETS: "search" },
  { sandboxOptions: { hooks: { onRequest: (op, body) => void sent.push({ op, body }) } } },
);
afterEach(() => {
  expect(mcp.server.sandbox.violations()).toEqual([]);
});

interface Hit {
  type: string;
  id: string;
  display_id?: string;
  title: string;
  stage?: string;
  snippet?: string;
}
type Out = { items: Hit[]; count: number; mode: string; next_cursor?: string };

async function search(args: Record<string, unknown>) {
  sent.length = 0;
  return {
    ...(await mcp.call<Out>("devrev_search", args)),
    requests: sent.filter((r) => r.op !== "dev-users.self"),
  };
}

describe("devrev_search", () => {
  it("searches one namespace with search.hybrid, one line per result led by its id", async () => {
    const { text, structured, requests } = await search({ query: "webhook", namespace: "ticket", limit: 5 });
    expect(requests.map((r) => r.op)).toEqual(["search.hybrid"]);
    expect(requests[0]?.body).toEqual({ query: "webhook", namespace: "ticket", limit: 5 });
    expect(structured.mode).toBe("hybrid");
    expect(structured.items).toHaveLength(5);
    expect(structured.items.every((h) => h.type === "ticket" && /^TKT-\d+$/.test(h.display_id ?? ""))).toBe(
      true,
    );
    const lines = text.split("\n");
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^TKT-\d+ \[ticket\] Webhook .+ — stage: \w+ · updated: \d{4}-\d{2}-\d{2}/);
    expect(lines.at(-1)).toBe("5 result(s), best first.");
  });

  it("searches everything with search.core when no namespace is given, across object kinds", async () => {
    const { text, structured, requests } = await search({ query: "refund" });
    expect(requests.map((r) => r.op)).toEqual(["search.core"]);
    expect(requests[0]?.body).toEqual({ query: "refund", limit: 10 });
    expect(structured.mode).toBe("keyword");
    const types = new Set(structured.items.map((h) => h.type));
    expect([...types]).toEqual(expect.arrayContaining(["ticket", "article", "question_answer"]));
    expect(text).toMatch(/^ART-4 \[article\] Requesting a refund — updated: .+ “Full and partial refunds/m);
    // The snippet does not repeat the id and title the line already shows.
    expect(structured.items.find((h) => h.display_id === "ART-4")?.snippet).toMatch(/^Full and partial/);
  });

  it("starts every snippet at a word, not inside one", async () => {
    // The sandbox, like DevRev, cuts snippets at a character offset before the match.
    const { structured } = await search({ query: "statement", mode: "keyword", limit: 25 });
    const snippets = structured.items.map((h) => h.snippet).filter((s): s is string => !!s);
    expect(snippets.length).toBeGreaterThan(3);
    expect(snippets.filter((s) => s.startsWith("…")).length).toBeGreaterThan(0);
    for (const s of snippets) expect(s, s).toMatch(/^(…\S|[^\p{Ll}\p{N}])/u);
  });

  it("maps umbrella namespaces for keyword mode and pages with a cursor", async () => {
    const parts = await search({ query: "refunds", namespace: "part", mode: "keyword" });
    expect(parts.requests[0]?.body).toMatchObject({
      namespaces: ["product", "capability", "feature", "enhancement"],
    });
    expect(parts.structured.items.map((h) => h.type)).toContain("feature");

    const first = await search({ query: "webhook", namespace: "work", mode: "keyword", limit: 3 });
    expect(first.requests[0]?.body).toMatchObject({ namespaces: ["issue", "ticket", "task", "opportunity"] });
    const cursor = first.structured.next_cursor;
    expect(cursor).toBeTruthy();
    expect(first.text).toContain(`cursor="${cursor}"`);
    const second = await search({ query: "webhook", namespace: "work", mode: "keyword", limit: 3, cursor });
    const ids = [...first.structured.items, ...second.structured.items].map((h) => h.id);
    expect(new Set(ids).size).toBe(6);
  });

  it("finds customers and people by name", async () => {
    const orgs = await search({ query: "globex", namespace: "account" });
    expect(orgs.structured.items[0]).toMatchObject({
      type: "account",
      title: expect.stringMatching(/Globex/),
    });
    const users = await search({ query: "alice", namespace: "dev_user" });
    expect(users.structured.items[0]).toMatchObject({ type: "dev_user" });
    expect(users.text).toMatch(/Alice/);
  });

  it("says when nothing matches", async () => {
    const none = await search({ query: "zzyzx-no-such-thing", namespace: "article" });
    expect(none.isError).toBe(false);
    expect(none.structured.items).toEqual([]);
    expect(none.text).toContain('Nothing found for "zzyzx-no-such-thing".');
  });

  it("refuses what the APIs cannot do, before calling DevRev", async () => {
    const hybridNoNs = await search({ query: "refund", mode: "hybrid" });
    expect(hybridNoNs.isError).toBe(true);
    expect(hybridNoNs.text).toMatch(/needs a namespace/);
    const pagedHybrid = await search({ query: "refund", namespace: "ticket", cursor: "abc" });
    expect(pagedHybrid.isError).toBe(true);
    expect(pagedHybrid.text).toMatch(/cursor applies to keyword mode only/);
    const keywordIncidents = await search({ query: "outage", namespace: "incident", mode: "keyword" });
    expect(keywordIncidents.isError).toBe(true);
    expect(keywordIncidents.text).toMatch(/use mode "hybrid"/);
    const empty = await search({ query: "   " });
    expect(empty.isError).toBe(true);
    expect(empty.text).toMatch(/Invalid arguments/);
    for (const r of [hybridNoNs, pagedHybrid, keywordIncidents, empty]) expect(r.requests).toEqual([]);
  });

  it("clamps limit to 50", async () => {
    const { requests, isError } = await search({ query: "the", namespace: "ticket", limit: 500 });
    expect(isError).toBe(false);
    expect(requests[0]?.body).toMatchObject({ limit: 50 });
  });
});
