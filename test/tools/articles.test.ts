import { afterEach, describe, expect, it } from "vitest";
import { useToolClient } from "../support/mcp-server.js";

// The articles toolset and the devrev://articles/{id} resource against the seeded sandbox.

const mcp = useToolClient({ MCP_TOOLSETS: "articles", MCP_ENABLE_DESTRUCTIVE_TOOLS: "true" });
const { call } = mcp;
afterEach(() => {
  expect(mcp.server.sandbox.violations()).toEqual([]);
});

interface ArticleOut {
  id: string;
  display_id?: string;
  title: string;
  status?: string;
  parts?: Array<{ id: string; display_id?: string; name?: string }>;
  authors?: Array<{ id: string; name?: string; email?: string }>;
  owners?: Array<{ id: string; name?: string; email?: string }>;
  description?: string;
  url?: string;
  tags?: string[];
}
type ListOut = { items: ArticleOut[]; count: number; total?: number; next_cursor?: string };

describe("devrev_articles_list", () => {
  it("lists one line per article with status, part, author and date, and the total", async () => {
    const { text, structured, isError } = await call<ListOut>("devrev_articles_list");
    expect(isError).toBe(false);
    expect(structured.items.length).toBe(8);
    expect(structured.total).toBe(8);
    const lines = text.split("\n");
    expect(lines[0]).toMatch(/^ART-\d+ .+ — status: \w+ · part: .+ · by: .+ · updated: \d{4}-\d{2}-\d{2}$/);
    expect(text).toContain("8 article(s) match in all.");
    expect(lines.at(-1)).toBe("End of articles.");
  });

  it("filters by status, author (me) and part, and pages with a cursor", async () => {
    const published = await call<ListOut>("devrev_articles_list", { status: ["published"] });
    expect(published.structured.items.length).toBe(6);
    expect(published.structured.items.every((a) => a.status === "published")).toBe(true);

    const mine = await call<ListOut>("devrev_articles_list", { authored_by: ["me"] });
    expect(mine.structured.items.map((a) => a.title).sort()).toEqual([
      "Enabling push notifications on iOS",
      "How to download past invoices",
    ]);
    expect(mine.structured.items.every((a) => a.authors?.[0]?.email === "alice@acme.test")).toBe(true);

    const card = (await call<{ article: ArticleOut }>("devrev_articles_get", { id: "ART-3" })).structured
      .article;
    const part = card.parts?.[0]?.display_id;
    expect(part).toMatch(/^[A-Z]+-\d+$/);
    const byPart = await call<ListOut>("devrev_articles_list", { applies_to_parts: [part] });
    expect(byPart.structured.items.map((a) => a.display_id)).toEqual(["ART-3"]);

    const first = await call<ListOut>("devrev_articles_list", { limit: 3 });
    expect(first.structured.items).toHaveLength(3);
    const cursor = first.structured.next_cursor;
    expect(cursor).toBeTruthy();
    expect(first.text).toContain(`cursor="${cursor}"`);
    const second = await call<ListOut>("devrev_articles_list", { limit: 3, cursor });
    const ids = [...first.structured.items, ...second.structured.items].map((a) => a.id);
    expect(new Set(ids).size).toBe(6);
  });

  it("clamps the page size and names a bad part id's right tool", async () => {
    const big = await call<ListOut>("devrev_articles_list", { limit: 5000 });
    expect(big.isError).toBe(false);
    const wrong = await call("devrev_articles_list", { applies_to_parts: ["ACC-1"] });
    expect(wrong.isError).toBe(true);
    expect(wrong.text).toMatch(/"ACC-1" is an account id, not a part.*devrev_accounts_get/);
  });
});

describe("devrev_articles_get and devrev_articles_list count_only", () => {
  it("renders the article's text, url, parts, tags and votes from a display id, don: id or URL", async () => {
    const byDisplay = await call<{ article: ArticleOut }>("devrev_articles_get", { id: "ART-7" });
    expect(byDisplay.text).toMatch(/^ART-7 Verifying webhook signatures\nid: don:core:.+:article\/7\n/);
    expect(byDisplay.text).toContain("status: published · type: article · votes: +");
    expect(byDisplay.text).toContain("tags: security");
    expect(byDisplay.text).toContain("url: https://support.acme.test/articles/verifying-webhook-signatures");
    expect(byDisplay.text).toContain("Compute the HMAC-SHA256 of the raw request body");
    const id = byDisplay.structured.article.id;
    const byDon = await call<{ article: ArticleOut }>("devrev_articles_get", { id });
    expect(byDon.structured.article.title).toBe("Verifying webhook signatures");
    const byUrl = await call<{ article: ArticleOut }>("devrev_articles_get", {
      id: "https://app.devrev.ai/acme/article/ART-7",
    });
    expect(byUrl.structured.article.id).toBe(id);
  });

  it("clips long text to max_chars", async () => {
    const { structured } = await call<{ article: ArticleOut }>("devrev_articles_get", {
      id: "ART-7",
      max_chars: 200,
    });
    expect(structured.article.description?.length).toBeLessThanOrEqual(200);
    expect(structured.article.description?.endsWith("…")).toBe(true);
  });

  it("names the right tool for another kind of id, and explains a missing article", async () => {
    const wrong = await call("devrev_articles_get", { id: "TKT-1" });
    expect(wrong.isError).toBe(true);
    expect(wrong.text).toMatch(/"TKT-1" is a ticket id, not an article\. Use devrev_works_get/);
    const missing = await call("devrev_articles_get", { id: "ART-999" });
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(/DevRev found no such object for articles\.get/);
  });

  it("counts what the list shows", async () => {
    const count = await call<{ count: number; items?: unknown[] }>("devrev_articles_list", {
      status: ["published"],
      count_only: true,
    });
    expect(count.structured.count).toBe(6);
    expect(count.structured.items).toBeUndefined();
    expect(count.text).toBe("6 article(s) match these filters.");
    const all = await call<{ count: number }>("devrev_articles_list", { count_only: true });
    expect(all.text).toMatch(/^\d+ article\(s\) exist\.$/);
    const list = await call<ListOut>("devrev_articles_list", {});
    expect(all.structured.count).toBe(list.structured.total);
  });
});

describe("writing articles", () => {
  it("creates a draft owned by the caller, sanitising what it shows, then publishes it", async () => {
    const created = await call<{ article: ArticleOut }>("devrev_articles_create", {
      title: "Exporting\u200b reports",
      description: "Open <b>Reports</b> and choose Export.<script>alert(1)</script>\u202eevil",
      applies_to_parts: ["PROD-1"],
      url: "https://support.acme.test/articles/exporting-reports",
    });
    expect(created.isError).toBe(false);
    const article = created.structured.article;
    expect(article.display_id).toMatch(/^ART-\d+$/);
    expect(article.status).toBe("draft");
    expect(article.title).toBe("Exporting reports");
    expect(article.owners?.[0]?.email).toBe("alice@acme.test");
    expect(article.parts?.[0]?.display_id).toBe("PROD-1");
    expect(created.text).toMatch(/^Created ART-\d+\./);
    expect(created.text).toContain("Open Reports and choose Export.evil");
    expect(created.text).not.toMatch(/<script>|\u202e|\u200b/);

    const published = await call<{ article: ArticleOut; changed: string[] }>("devrev_articles_update", {
      id: article.display_id,
      status: "published",
      title: "Exporting reports as CSV",
    });
    expect(published.structured.changed).toEqual(["title", "status"]);
    expect(published.structured.article.status).toBe("published");
    expect(published.text).toMatch(/^Updated ART-\d+ \(title, status\)\./);
    const reread = await call<{ article: ArticleOut }>("devrev_articles_get", { id: article.id });
    expect(reread.structured.article.title).toBe("Exporting reports as CSV");
  });

  it("refuses an update that changes nothing, before calling DevRev", async () => {
    mcp.server.sandbox.state.clearRequests();
    const nothing = await call("devrev_articles_update", { id: "ART-1" });
    expect(nothing.isError).toBe(true);
    expect(nothing.text).toMatch(/^Nothing to change/);
    expect(mcp.server.sandbox.state.requests()).toEqual([]);
  });

  it("deletes an article; it is gone afterwards", async () => {
    const { structured } = await call<{ article: ArticleOut }>("devrev_articles_create", {
      title: "Temporary article",
    });
    const id = structured.article.display_id;
    const deleted = await call<{ deleted: string }>("devrev_articles_delete", { id, confirm: true });
    expect(deleted.isError).toBe(false);
    expect(deleted.text).toBe(`Deleted article ${id}.`);
    const gone = await call("devrev_articles_get", { id });
    expect(gone.isError).toBe(true);
  });
});

describe("devrev://articles/{id}", () => {
  it("is listed as a template, reads real article text and completes ids", async () => {
    const { resourceTemplates } = await mcp.client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toContain("devrev://articles/{id}");

    const read = await mcp.client.readResource({ uri: "devrev://articles/ART-1" });
    const content = read.contents[0] as { text: string; mimeType?: string };
    expect(content.mimeType).toBe("text/markdown");
    expect(content.text).toMatch(/^ART-1 How to download past invoices\n/);
    expect(content.text).toContain("Open Billing > Invoices, pick the period and choose Download PDF.");

    const completion = await mcp.client.complete({
      ref: { type: "ref/resource", uri: "devrev://articles/{id}" },
      argument: { name: "id", value: "art-" },
    });
    expect(completion.completion.values).toEqual(expect.arrayContaining(["ART-1", "ART-7"]));
    const byWord = await mcp.client.complete({
      ref: { type: "ref/resource", uri: "devrev://articles/{id}" },
      argument: { name: "id", value: "refund" },
    });
    expect(byWord.completion.values).toEqual(["ART-4"]);
  });

  it("answers an unknown article with a protocol error", async () => {
    await expect(mcp.client.readResource({ uri: "devrev://articles/ART-999" })).rejects.toThrow(
      /no such object/,
    );
  });
});
