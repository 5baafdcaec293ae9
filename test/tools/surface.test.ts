import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { TOOLS } from "../../app/tools/catalog.js";
import { connectClient, startTestServer, type TestServer, textOf } from "../support/mcp-server.js";
import { INIT, messagesOf, post } from "../support/rpc.js";
import { startValidatedSandbox, type ValidatedSandbox } from "../support/sandbox.js";

// What tools/list shows and what tools/call allows, per server setting and per request (header or
// URL), through the SDK client. A request may only narrow the server's surface, never widen it.

let sandbox: ValidatedSandbox;
const servers: TestServer[] = [];
const clients: Client[] = [];

beforeAll(async () => {
  sandbox = await startValidatedSandbox();
});
afterAll(async () => {
  for (const c of clients) await c.close().catch(() => {});
  for (const s of servers) await s.close();
  await sandbox?.close();
});
afterEach(() => {
  expect(sandbox.violations()).toEqual([]);
});

async function serve(env: Record<string, string> = {}): Promise<TestServer> {
  const server = await startTestServer(env, { sandbox });
  servers.push(server);
  return server;
}

async function connect(url: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = await connectClient(url, "sandbox-alice", headers);
  clients.push(client);
  return client;
}

async function toolsOf(client: Client): Promise<Tool[]> {
  return (await client.listTools()).tools;
}

const names = (tools: readonly Tool[]) => tools.map((t) => t.name).sort();
const bytes = (tools: readonly Tool[]) => Buffer.byteLength(JSON.stringify(tools), "utf8");

describe("server settings", () => {
  it("lists a small default surface: at most 25 tools in at most 20 KB", async () => {
    const server = await serve();
    const tools = await toolsOf(await connect(server.url));
    expect(tools.length).toBeGreaterThan(0);
    expect(tools.length).toBeLessThanOrEqual(25);
    expect(bytes(tools)).toBeLessThanOrEqual(20 * 1024);
    const expected = TOOLS.filter((t) => t.inDefault && !t.annotations.destructiveHint).map((t) => t.name);
    expect(names(tools)).toEqual(expected.sort());
    expect(names(tools)).toContain("devrev_find_tools");
  });

  it("lists every tool with MCP_TOOLSETS=all (destructive on), in at most 60 KB", async () => {
    const server = await serve({ MCP_TOOLSETS: "all", MCP_ENABLE_DESTRUCTIVE_TOOLS: "true" });
    const tools = await toolsOf(await connect(server.url));
    expect(names(tools)).toEqual(TOOLS.map((t) => t.name).sort());
    expect(bytes(tools)).toBeLessThanOrEqual(60 * 1024);
  });

  it("MCP_READ_ONLY=true lists only read-only tools and refuses a write", async () => {
    const server = await serve({
      MCP_TOOLSETS: "all",
      MCP_READ_ONLY: "true",
      MCP_ENABLE_DESTRUCTIVE_TOOLS: "true",
    });
    const client = await connect(server.url);
    const tools = await toolsOf(client);
    expect(tools.length).toBeGreaterThan(0);
    expect(tools.filter((t) => t.annotations?.readOnlyHint !== true).map((t) => t.name)).toEqual([]);
    expect(names(tools)).toEqual(
      TOOLS.filter((t) => t.annotations.readOnlyHint)
        .map((t) => t.name)
        .sort(),
    );
    sandbox.state.clearRequests();
    const result = await client.callTool({
      name: "devrev_works_create",
      arguments: { type: "issue", title: "Should not exist", part: "PROD-1" },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/not available: .*read-only/);
    expect(sandbox.state.requests().filter((r) => r.op === "works.create")).toEqual([]);
  });

  it("hides destructive tools unless enabled, and refuses them if called", async () => {
    const destructive = TOOLS.filter((t) => t.annotations.destructiveHint).map((t) => t.name);
    expect(destructive).toContain("devrev_articles_delete");

    const off = await serve({ MCP_TOOLSETS: "all" });
    const offClient = await connect(off.url);
    expect(names(await toolsOf(offClient)).filter((n) => destructive.includes(n))).toEqual([]);
    const before = sandbox.state.counts();
    sandbox.state.clearRequests();
    const refused = await offClient.callTool({ name: "devrev_articles_delete", arguments: { id: "ART-1" } });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/MCP_ENABLE_DESTRUCTIVE_TOOLS/);
    expect(sandbox.state.requests()).toEqual([]);
    expect(sandbox.state.counts()).toEqual(before);

    const on = await serve({ MCP_TOOLSETS: "all", MCP_ENABLE_DESTRUCTIVE_TOOLS: "true" });
    const listed = names(await toolsOf(await connect(on.url)));
    expect(destructive.filter((n) => !listed.includes(n))).toEqual([]);
  });

  it("MCP_ENABLE_BETA_TOOLS=false hides beta tools and refuses them", async () => {
    const beta = TOOLS.filter((t) => t.beta).map((t) => t.name);
    expect(beta).toEqual(expect.arrayContaining(["devrev_search", "devrev_incidents_list"]));
    const server = await serve({ MCP_TOOLSETS: "all", MCP_ENABLE_BETA_TOOLS: "false" });
    const client = await connect(server.url);
    const listed = names(await toolsOf(client));
    expect(listed.filter((n) => beta.includes(n))).toEqual([]);
    expect(listed).toContain("devrev_works_list");
    sandbox.state.clearRequests();
    const result = await client.callTool({ name: "devrev_search", arguments: { query: "refund" } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/MCP_ENABLE_BETA_TOOLS/);
    expect(sandbox.state.requests()).toEqual([]);
  });
});

describe("per-request narrowing", () => {
  let wide: TestServer;
  let worksTools: string[];
  beforeAll(async () => {
    wide = await serve({ MCP_TOOLSETS: "all", MCP_ENABLE_DESTRUCTIVE_TOOLS: "true" });
    worksTools = TOOLS.filter((t) => t.toolset === "works")
      .map((t) => t.name)
      .sort();
  });

  it("X-MCP-Toolsets: works narrows to the works toolset", async () => {
    const client = await connect(wide.url, { "X-MCP-Toolsets": "works" });
    expect(names(await toolsOf(client))).toEqual(worksTools);
    const outside = await client.callTool({ name: "devrev_articles_list", arguments: {} });
    expect(outside.isError).toBe(true);
    expect(textOf(outside)).toMatch(/X-MCP-Toolsets/);
  });

  it("/mcp/x/works narrows the same way", async () => {
    const client = await connect(`${wide.origin}/mcp/x/works`);
    expect(names(await toolsOf(client))).toEqual(worksTools);
  });

  it("/mcp/x/works+articles selects two toolsets", async () => {
    const client = await connect(`${wide.origin}/mcp/x/works+articles`);
    const expected = TOOLS.filter((t) => t.toolset === "works" || t.toolset === "articles").map(
      (t) => t.name,
    );
    expect(names(await toolsOf(client))).toEqual(expected.sort());
  });

  it("X-MCP-Readonly: true and /mcp/readonly narrow to read-only tools", async () => {
    const readOnly = TOOLS.filter((t) => t.annotations.readOnlyHint)
      .map((t) => t.name)
      .sort();
    for (const client of [
      await connect(wide.url, { "X-MCP-Readonly": "true" }),
      await connect(`${wide.origin}/mcp/readonly`),
      // Express routes match any case and a trailing slash; the read-only test must too.
      await connect(`${wide.origin}/mcp/ReadOnly/`),
    ]) {
      expect(names(await toolsOf(client))).toEqual(readOnly);
      const refused = await client.callTool({
        name: "devrev_works_update",
        arguments: { id: "ISS-1", title: "Nope" },
      });
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toMatch(/read-only/);
    }
    const both = await connect(`${wide.origin}/mcp/x/works/readonly`);
    expect(names(await toolsOf(both))).toEqual(worksTools.filter((n) => readOnly.includes(n)));
  });

  it("X-MCP-Readonly: false changes nothing", async () => {
    const client = await connect(wide.url, { "X-MCP-Readonly": "false", "X-MCP-Toolsets": "works" });
    expect(names(await toolsOf(client))).toEqual(worksTools);
  });

  it("cannot widen the server's toolsets, read-only or destructive settings", async () => {
    const narrow = await serve({ MCP_TOOLSETS: "works", MCP_READ_ONLY: "true" });
    const baseline = names(await toolsOf(await connect(narrow.url)));
    expect(baseline.length).toBeGreaterThan(0);
    expect(baseline.every((n) => worksTools.includes(n))).toBe(true);

    const asksAll = names(await toolsOf(await connect(narrow.url, { "X-MCP-Toolsets": "all" })));
    expect(asksAll).toEqual(baseline);

    const asksCustomers = await connect(narrow.url, {
      "X-MCP-Toolsets": "customers",
      "X-MCP-Readonly": "false",
    });
    const listed = names(await toolsOf(asksCustomers));
    expect(listed.filter((n) => !baseline.includes(n))).toEqual([]);
    expect(listed).toEqual([]);
    const refused = await asksCustomers.callTool({ name: "devrev_accounts_list", arguments: {} });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/not enabled on this server/);

    const viaUrl = names(await toolsOf(await connect(`${narrow.origin}/mcp/x/all`)));
    expect(viaUrl).toEqual(baseline);
    const writes = await connect(`${narrow.origin}/mcp/x/works`);
    expect((await toolsOf(writes)).every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
  });

  it("answers 400 to an unknown toolset in the header or URL, and to an unreadable X-MCP-Readonly", async () => {
    const auth = { Authorization: "Bearer sandbox-alice" };
    for (const [path, headers, pattern] of [
      ["/mcp", { "X-MCP-Toolsets": "works,bogus" }, /Unknown toolset\(s\): bogus/],
      ["/mcp", { "X-MCP-Toolsets": "all,bogus" }, /Unknown toolset\(s\): bogus/],
      ["/mcp", { "X-MCP-Toolsets": "constructor" }, /Unknown toolset\(s\): constructor/],
      ["/mcp/x/nope", {}, /Unknown toolset\(s\): nope/],
      ["/mcp", { "X-MCP-Readonly": "maybe" }, /X-MCP-Readonly must be true or false/],
    ] as const) {
      const res = await post(wide.origin, path, INIT, { ...auth, ...headers });
      expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(400);
      const [message] = messagesOf(res);
      expect((message?.error as { message?: string })?.message).toMatch(pattern);
    }
  });
});
