import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { TOOLS } from "../../app/tools/catalog.js";
import { connectClient, startTestServer, type TestServer, textOf } from "../support/mcp-server.js";
import { startValidatedSandbox, type ValidatedSandbox } from "../support/sandbox.js";

// devrev_find_tools searches the whole catalogue and says, for this request's surface, what is
// listed, what is permitted but not listed (with its input schema, for devrev_call_tool) and how
// the rest is enabled. It calls no DevRev operation.

let sandbox: ValidatedSandbox;
let defaults: TestServer;
let wide: TestServer;
let strict: TestServer;
const clients: Client[] = [];

beforeAll(async () => {
  sandbox = await startValidatedSandbox();
  defaults = await startTestServer({}, { sandbox });
  wide = await startTestServer({ MCP_TOOLSETS: "all" }, { sandbox });
  strict = await startTestServer({ MCP_PERMITTED_TOOLSETS: "default" }, { sandbox });
});
afterAll(async () => {
  for (const c of clients) await c.close().catch(() => {});
  await defaults?.close();
  await wide?.close();
  await strict?.close();
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
  listed: boolean;
  callable: boolean;
  unavailable_because?: string;
  input_schema?: Record<string, unknown>;
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
  it("is on the default surface and gives the schema of permitted tools that are not listed", async () => {
    const { text, structured, requests } = await find(defaults.url, { query: "incidents" });
    expect(requests).toEqual([]);
    const names = structured.items.map((h) => h.name);
    expect(names).toEqual(
      expect.arrayContaining(["devrev_incidents_list", "devrev_incidents_get", "devrev_incidents_create"]),
    );
    const list = structured.items.find((h) => h.name === "devrev_incidents_list");
    expect(list).toMatchObject({
      toolset: "incidents",
      read_only: true,
      beta: true,
      listed: false,
      callable: true,
    });
    expect(list?.unavailable_because).toBeUndefined();
    // The schema the tool would be listed with, so the model can call it.
    const client = await connectClient(wide.url, "sandbox-alice");
    clients.push(client);
    const listed = (await client.listTools()).tools.find((t) => t.name === "devrev_incidents_list");
    expect(list?.input_schema).toEqual(listed?.inputSchema);
    expect(text).toMatch(
      /^devrev_incidents_list \(incidents; read-only, beta\) — .* \[not listed; call it with devrev_call_tool \{"name": "devrev_incidents_list", "arguments": \{\.\.\.\}\}\]\n {2}input: \{"type":"object"/m,
    );
    expect(structured.toolsets).toEqual([
      { name: "incidents", description: expect.stringMatching(/Incidents/), tools: 5 },
    ]);
  });

  it("says why a tool may not be called and who can change that", async () => {
    const { text, structured } = await find(strict.url, { query: "link objects" });
    const create = structured.items.find((h) => h.name === "devrev_links_create");
    expect(create).toMatchObject({ listed: false, callable: false });
    expect(create?.input_schema).toBeUndefined();
    expect(create?.unavailable_because).toMatch(/not permitted on this server/);
    expect(text).toContain('[NOT callable: its toolset "links" is not permitted on this server');
    expect(text).toMatch(
      /^To call toolset\(s\) links[\w,]*: the server operator adds them to MCP_PERMITTED_TOOLSETS/m,
    );

    const wideDelete = await find(wide.url, { query: "delete article" });
    expect(wideDelete.structured.items[0]).toMatchObject({
      name: "devrev_articles_delete",
      destructive: true,
      callable: false,
    });
    expect(wideDelete.structured.items[0]?.unavailable_because).toMatch(/MCP_ENABLE_DESTRUCTIVE_TOOLS/);
    const get = await find(wide.url, { query: "get article" });
    // A listed tool's schema is in the client's context already.
    expect(get.structured.items[0]).toMatchObject({
      name: "devrev_articles_get",
      listed: true,
      callable: true,
    });
    expect(get.structured.items[0]?.input_schema).toBeUndefined();
  });

  it("gives at most ten schemas, and a tool's by its exact name", async () => {
    const wideSearch = await find(defaults.url, { query: "list", limit: 50 });
    const callable = wideSearch.structured.items.filter((h) => h.callable && !h.listed);
    expect(callable.length).toBeGreaterThan(10);
    expect(callable.filter((h) => h.input_schema)).toHaveLength(10);
    const later = callable.find((h) => !h.input_schema);
    expect(wideSearch.text).toContain(`; search "${later?.name}" for its input]`);
    // The whole answer fits the result cap, so nothing is cut.
    expect(wideSearch.text).not.toContain("[Truncated");
    expect(wideSearch.structured).not.toHaveProperty("truncated");
    expect(wideSearch.structured.items).toHaveLength(wideSearch.structured.count);
    const byName = await find(defaults.url, { query: later?.name ?? "" });
    expect(byName.structured.items[0]?.name).toBe(later?.name);
    expect(byName.structured.items[0]?.input_schema).toMatchObject({ type: "object" });
  });

  it("reflects the request's own narrowing", async () => {
    const { text, structured } = await find(wide.url, { query: "articles" }, { "X-MCP-Toolsets": "default" });
    // devrev_articles_list is on the default surface; devrev_articles_create is not.
    const list = structured.items.find((h) => h.name === "devrev_articles_list");
    expect(list).toMatchObject({ listed: true, callable: true });
    const create = structured.items.find((h) => h.name === "devrev_articles_create");
    expect(create?.callable).toBe(false);
    expect(create?.unavailable_because).toMatch(/this request selected other toolsets/);
    expect(text).toContain("X-MCP-Toolsets: default,articles");
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
