import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { TOOLS } from "../../app/tools/catalog.js";
import { connectClient, startTestServer, type TestServer, textOf } from "../support/mcp-server.js";
import { startValidatedSandbox, type ValidatedSandbox } from "../support/sandbox.js";

// devrev_find_tools searches the whole catalogue and says, for this request's surface, what can be
// called now and how the rest is enabled. It calls no DevRev operation.

let sandbox: ValidatedSandbox;
let defaults: TestServer;
let wide: TestServer;
const clients: Client[] = [];

beforeAll(async () => {
  sandbox = await startValidatedSandbox();
  defaults = await startTestServer({}, { sandbox });
  wide = await startTestServer({ MCP_TOOLSETS: "all" }, { sandbox });
});
afterAll(async () => {
  for (const c of clients) await c.close().catch(() => {});
  await defaults?.close();
  await wide?.close();
  await sandbox?.close();
});
afterEach(() => {
  expect(sandbox.violations()).toEqual([]);
});

interface Hit {
  name: string;
  toolset: string;
  read_only: boolean;
  destructive: boolean;
  beta: boolean;
  enabled: boolean;
  unavailable_because?: string;
}
type Out = {
  items: Hit[];
  count: number;
  toolsets: Array<{ name: string; description: string; tools: number }>;
};

async function find(url: string, args: Record<string, unknown>, headers: Record<string, string> = {}) {
  const client = await connectClient(url, "sandbox-alice", headers);
  clients.push(client);
  sandbox.state.clearRequests();
  const result = await client.callTool({ name: "devrev_find_tools", arguments: args });
  return {
    text: textOf(result),
    structured: result.structuredContent as Out,
    isError: result.isError === true,
    requests: sandbox.state.requests(),
  };
}

describe("devrev_find_tools", () => {
  it("is on the default surface and finds tools of toolsets that are not, saying how to enable them", async () => {
    const { text, structured, requests } = await find(defaults.url, { query: "incidents" });
    expect(requests).toEqual([]);
    const names = structured.items.map((h) => h.name);
    expect(names).toEqual(
      expect.arrayContaining(["devrev_incidents_list", "devrev_incidents_get", "devrev_incidents_create"]),
    );
    const list = structured.items.find((h) => h.name === "devrev_incidents_list");
    expect(list).toMatchObject({ toolset: "incidents", read_only: true, beta: true, enabled: false });
    expect(list?.unavailable_because).toMatch(/not enabled on this server/);
    expect(text).toMatch(/^devrev_incidents_\w+ \(incidents; /m);
    expect(text).toContain("MCP_TOOLSETS=default,incidents");
    expect(text).toContain("X-MCP-Toolsets: incidents");
    expect(text).toContain("/mcp/x/incidents");
    expect(structured.toolsets).toEqual([
      { name: "incidents", description: expect.stringMatching(/Incidents/), tools: 5 },
    ]);
  });

  it("marks enabled tools, and destructive ones as disabled with the reason", async () => {
    const { structured } = await find(wide.url, { query: "delete article" });
    expect(structured.items[0]).toMatchObject({
      name: "devrev_articles_delete",
      destructive: true,
      enabled: false,
    });
    expect(structured.items[0]?.unavailable_because).toMatch(/MCP_ENABLE_DESTRUCTIVE_TOOLS/);
    const get = await find(wide.url, { query: "get article" });
    expect(get.structured.items[0]).toMatchObject({ name: "devrev_articles_get", enabled: true });
  });

  it("reflects the request's own narrowing", async () => {
    const { structured } = await find(wide.url, { query: "articles" }, { "X-MCP-Toolsets": "default" });
    // devrev_articles_list is on the default surface; devrev_articles_create is not.
    const list = structured.items.find((h) => h.name === "devrev_articles_list");
    expect(list?.enabled).toBe(true);
    const create = structured.items.find((h) => h.name === "devrev_articles_create");
    expect(create?.enabled).toBe(false);
    expect(create?.unavailable_because).toMatch(/this request selected other toolsets/);
  });

  it("lists a whole toolset, and ranks tools that match more words first", async () => {
    const all = await find(wide.url, { toolset: "articles", limit: 50 });
    expect(all.structured.items.map((h) => h.name).sort()).toEqual(
      TOOLS.filter((t) => t.toolset === "articles")
        .map((t) => t.name)
        .sort(),
    );
    const ranked = await find(wide.url, { query: "count engagements" });
    expect(ranked.structured.items[0]?.name).toBe("devrev_engagements_list");
    const limited = await find(wide.url, { query: "list", limit: 3 });
    expect(limited.structured.items).toHaveLength(3);
    expect(limited.text).toMatch(/\d+ more match; raise limit or add words\./);
  });

  it("answers no match, an unknown toolset and no arguments clearly", async () => {
    const none = await find(wide.url, { query: "quantum teleport" });
    expect(none.structured.items).toEqual([]);
    expect(none.text).toMatch(/^No tool matches "quantum teleport"/);
    const unknown = await find(wide.url, { toolset: "toString" });
    expect(unknown.isError).toBe(true);
    expect(unknown.text).toMatch(/"toString" is not a toolset\. Toolsets: .*articles/);
    const empty = await find(wide.url, {});
    expect(empty.isError).toBe(true);
    expect(empty.text).toMatch(/Give a query, a toolset, or both/);
  });
});
