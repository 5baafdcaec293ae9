import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { TOOLS } from "../../app/tools/catalog.js";
import { hintsOf } from "../support/hints.js";
import { connectClient, startTestServer, type TestServer, textOf } from "../support/mcp-server.js";
import { INIT, messagesOf, post } from "../support/rpc.js";
import { startValidatedSandbox, type ValidatedSandbox } from "../support/sandbox.js";

// What tools/list shows (listed) and what tools/call allows (permitted), per server setting and per
// request (header or URL), through the SDK client. A request may only narrow what is permitted,
// never widen it; resources, templates, prompts and completions follow the permitted surface.

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
/** Every tool but devrev_call_tool, which is listed only while some permitted tool is not. */
const CATALOGUE = TOOLS.filter((t) => !t.forwards);
const bytes = (tools: readonly Tool[]) => Buffer.byteLength(JSON.stringify(tools), "utf8");

describe("server settings", () => {
  it("lists a small default surface: at most 25 tools in at most 20 KB", async () => {
    const server = await serve();
    const tools = await toolsOf(await connect(server.url));
    expect(tools.length).toBeGreaterThan(0);
    expect(tools.length).toBeLessThanOrEqual(25);
    expect(bytes(tools)).toBeLessThanOrEqual(20 * 1024);
    const expected = TOOLS.filter((t) => t.inDefault && (t.forwards || !t.annotations.destructiveHint)).map(
      (t) => t.name,
    );
    expect(names(tools)).toEqual(expected.sort());
    expect(names(tools)).toEqual(expect.arrayContaining(["devrev_find_tools", "devrev_call_tool"]));
    // Its hints are what it may run here: writes yes, deletes no (destructive tools are off).
    expect(hintsOf(tools.find((t) => t.name === "devrev_call_tool"))).toEqual({
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
      openWorldHint: true,
    });
  });

  it("lists every tool with MCP_TOOLSETS=all (destructive on), in at most 60 KB", async () => {
    const server = await serve({ MCP_TOOLSETS: "all", MCP_ENABLE_DESTRUCTIVE_TOOLS: "true" });
    const tools = await toolsOf(await connect(server.url));
    // Everything permitted is listed, so devrev_call_tool would add nothing and is left out.
    expect(names(tools)).toEqual(CATALOGUE.map((t) => t.name).sort());
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
      CATALOGUE.filter((t) => t.annotations.readOnlyHint)
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
    const destructive = CATALOGUE.filter((t) => t.annotations.destructiveHint).map((t) => t.name);
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
    const readOnly = CATALOGUE.filter((t) => t.annotations.readOnlyHint)
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

  it("cannot widen the server's permitted toolsets, read-only or destructive settings", async () => {
    const narrow = await serve({ MCP_PERMITTED_TOOLSETS: "works", MCP_READ_ONLY: "true" });
    const baseline = names(await toolsOf(await connect(narrow.url)));
    // MCP_TOOLSETS=default lists the default tools, of which the permitted ones are works reads.
    expect(baseline.length).toBeGreaterThan(0);
    expect(baseline.every((n) => worksTools.includes(n))).toBe(true);

    // Asking for all lists every permitted tool, and nothing more.
    const asksAll = names(await toolsOf(await connect(narrow.url, { "X-MCP-Toolsets": "all" })));
    const permitted = CATALOGUE.filter((t) => t.toolset === "works" && t.annotations.readOnlyHint)
      .map((t) => t.name)
      .sort();
    expect(asksAll).toEqual(permitted);

    const asksCustomers = await connect(narrow.url, {
      "X-MCP-Toolsets": "customers",
      "X-MCP-Readonly": "false",
    });
    expect(names(await toolsOf(asksCustomers))).toEqual([]);
    for (const name of ["devrev_accounts_list", "devrev_call_tool"]) {
      const refused = await asksCustomers.callTool({ name, arguments: {} });
      expect(refused.isError, name).toBe(true);
      expect(textOf(refused)).toMatch(/not permitted on this server .*MCP_PERMITTED_TOOLSETS/);
    }

    const viaUrl = names(await toolsOf(await connect(`${narrow.origin}/mcp/x/all`)));
    expect(viaUrl).toEqual(permitted);
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

describe("listed and permitted", () => {
  let defaults: TestServer;
  beforeAll(async () => {
    defaults = await serve();
  });

  it("runs a permitted tool that is not listed, by name and through devrev_call_tool", async () => {
    const client = await connect(defaults.url);
    expect(names(await toolsOf(client))).not.toContain("devrev_links_list");
    sandbox.state.clearRequests();
    const direct = await client.callTool({ name: "devrev_links_list", arguments: { object: "TKT-13" } });
    expect(direct.isError, textOf(direct)).not.toBe(true);
    const forwarded = await client.callTool({
      name: "devrev_call_tool",
      arguments: { name: "devrev_links_list", arguments: { object: "TKT-13" } },
    });
    // The same call path, so the same answer: text and structured content.
    expect(forwarded.isError, textOf(forwarded)).not.toBe(true);
    expect(textOf(forwarded)).toEqual(textOf(direct));
    expect(forwarded.structuredContent).toEqual(direct.structuredContent);
    expect(sandbox.state.requests().filter((r) => r.op === "links.list")).toHaveLength(2);
  });

  it("takes the arguments as an object or a JSON string, and lists no confirm of its own", async () => {
    const client = await connect(defaults.url);
    const listing = (await toolsOf(client)).find((t) => t.name === "devrev_call_tool");
    expect(Object.keys(listing?.inputSchema.properties ?? {}).sort()).toEqual(["arguments", "name"]);
    expect(listing?.inputSchema.required).toEqual(["name"]);
    const asString = await client.callTool({
      name: "devrev_call_tool",
      arguments: { name: "devrev_links_list", arguments: '{"object": "TKT-13"}' },
    });
    expect(asString.isError, textOf(asString)).not.toBe(true);
    expect(textOf(asString)).toMatch(/ISS-1/);
    const broken = await client.callTool({
      name: "devrev_call_tool",
      arguments: { name: "devrev_links_list", arguments: '{"object": ' },
    });
    expect(broken.isError).toBe(true);
    expect(textOf(broken)).toMatch(/Invalid arguments for devrev_call_tool:\n- arguments: /);
  });

  it("refuses through devrev_call_tool what is not permitted, with the reason, and calling itself", async () => {
    const client = await connect(defaults.url);
    sandbox.state.clearRequests();
    const destructive = await client.callTool({
      name: "devrev_call_tool",
      arguments: { name: "devrev_articles_delete", arguments: { id: "ART-1", confirm: true } },
    });
    expect(destructive.isError).toBe(true);
    expect(textOf(destructive)).toMatch(
      /devrev_articles_delete is not available: .*MCP_ENABLE_DESTRUCTIVE_TOOLS/,
    );
    const itself = await client.callTool({
      name: "devrev_call_tool",
      arguments: { name: "devrev_call_tool", arguments: { name: "devrev_whoami" } },
    });
    expect(itself.isError).toBe(true);
    expect(textOf(itself)).toMatch(/runs other tools: name the tool to run/);
    const unknown = await client.callTool({ name: "devrev_call_tool", arguments: { name: "devrev_nope" } });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toMatch(/No tool is named "devrev_nope"\. devrev_find_tools/);
    const invalid = await client.callTool({
      name: "devrev_call_tool",
      arguments: { name: "devrev_links_create", arguments: { source: "TKT-13" } },
    });
    expect(invalid.isError).toBe(true);
    expect(textOf(invalid)).toMatch(/Invalid arguments for devrev_links_create:\n- target/);
    expect(sandbox.state.requests().filter((r) => r.op !== "dev-users.self")).toEqual([]);

    const readOnly = await connect(`${defaults.origin}/mcp/readonly`);
    const listed = await toolsOf(readOnly);
    // On a read-only connection it can only run reads, and says so.
    expect(listed.find((t) => t.name === "devrev_call_tool")?.annotations?.readOnlyHint).toBe(true);
    const write = await readOnly.callTool({
      name: "devrev_call_tool",
      arguments: {
        name: "devrev_links_create",
        arguments: { source: "TKT-13", target: "ISS-1", link_type: "is_related_to" },
      },
    });
    expect(write.isError).toBe(true);
    expect(textOf(write)).toMatch(
      /devrev_links_create is not available: this server or request is read-only/,
    );
    expect(sandbox.state.requests().filter((r) => r.op === "links.create")).toEqual([]);
  });

  it("confirms a destructive tool run through devrev_call_tool before changing anything", async () => {
    const server = await serve({ MCP_ENABLE_DESTRUCTIVE_TOOLS: "true" });
    const client = await connect(server.url);
    const tag = await client.callTool({
      name: "devrev_call_tool",
      arguments: { name: "devrev_tags_create", arguments: { name: "surface-confirm" } },
    });
    expect(tag.isError, textOf(tag)).not.toBe(true);
    const id = (tag.structuredContent as { tag: { id: string } }).tag.id;
    const before = sandbox.state.counts();
    const unconfirmed = await client.callTool({
      name: "devrev_call_tool",
      arguments: { name: "devrev_tags_delete", arguments: { id } },
    });
    expect(unconfirmed.isError).toBe(true);
    expect(textOf(unconfirmed)).toMatch(
      /\?.*Nothing has been changed yet.*call devrev_call_tool again with the same name and arguments, adding confirm: true inside arguments/s,
    );
    expect(sandbox.state.counts()).toEqual(before);
    const confirmed = await client.callTool({
      name: "devrev_call_tool",
      arguments: { name: "devrev_tags_delete", arguments: { id, confirm: true } },
    });
    expect(confirmed.isError, textOf(confirmed)).not.toBe(true);
    expect(sandbox.state.counts()).not.toEqual(before);
    // Audited under the tool that ran, never under devrev_call_tool.
    const audited = server
      .logRecords()
      .map((r) => r.audit as Record<string, unknown> | undefined)
      .filter((a) => a?.event === "tool.call")
      .map((a) => `${a?.tool}:${a?.outcome}:${a?.error_type ?? ""}`);
    expect(audited).toEqual([
      "devrev_tags_create:success:",
      "devrev_tags_delete:denied:confirmation_pending",
      "devrev_tags_delete:success:",
    ]);
  });
});

describe("resources, prompts and completions follow the permitted surface", () => {
  // Issue 10: with tools narrowed to works and read-only, account data must not come back by
  // another door (resources, templates, completion, prompts).
  let worksOnly: TestServer;
  let wide: TestServer;
  beforeAll(async () => {
    worksOnly = await serve({ MCP_PERMITTED_TOOLSETS: "works", MCP_READ_ONLY: "true" });
    wide = await serve({ MCP_TOOLSETS: "all" });
  });

  const accountData = [
    { uri: "devrev://accounts/ACC-2", template: "devrev://accounts/{id}" },
    { uri: "devrev://rev-orgs/REV-2", template: "devrev://rev-orgs/{id}" },
    { uri: "devrev://articles/ART-1", template: "devrev://articles/{id}" },
    { uri: "devrev://users/DEVU-1", template: "devrev://users/{id}" },
  ];

  it("refuses account, rev-org, article and user data outside works, by config and by URL", async () => {
    for (const client of [
      await connect(worksOnly.url),
      await connect(`${wide.origin}/mcp/x/works/readonly`),
    ]) {
      sandbox.state.clearRequests();
      const refused = await client.callTool({ name: "devrev_accounts_list", arguments: {} });
      expect(refused.isError).toBe(true);

      const templates = (await client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate);
      expect(templates).toEqual(["devrev://works/{id}"]);
      expect((await client.listResources()).resources.map((r) => r.uri)).toEqual([]);
      for (const { uri, template } of accountData) {
        await expect(client.readResource({ uri }), uri).rejects.toThrow(
          new RegExp(
            `Resource ${template.replace(/[{}]/g, "\\$&")} is not available on this connection: .*not permitted`,
          ),
        );
        await expect(
          client.complete({
            ref: { type: "ref/resource", uri: template },
            argument: { name: "id", value: "A" },
          }),
          template,
        ).rejects.toThrow(/is not available on this connection/);
      }
      await expect(client.readResource({ uri: "devrev://me" })).rejects.toThrow(/not available/);

      const prompts = (await client.listPrompts()).prompts.map((p) => p.name).sort();
      // Only prompts whose data is works data alone.
      expect(prompts).toEqual(["find_similar_tickets", "weekly_support_report"]);
      await expect(
        client.getPrompt({ name: "summarize_account", arguments: { account_id: "ACC-2" } }),
      ).rejects.toThrow(
        /Prompt summarize_account is not available on this connection: .*devrev_customer_overview/,
      );
      await expect(
        client.complete({
          ref: { type: "ref/prompt", name: "summarize_account" },
          argument: { name: "account_id", value: "Ini" },
        }),
      ).rejects.toThrow(/Prompt summarize_account is not available/);
      // Nothing was read from DevRev but the caller's own identity.
      expect(sandbox.state.requests().filter((r) => r.op !== "dev-users.self")).toEqual([]);

      // Works data still comes back.
      const work = await client.readResource({ uri: "devrev://works/TKT-1" });
      expect((work.contents[0] as { text: string }).text).toMatch(/^TKT-1 /);
    }
  });

  it("with the issue's MCP_TOOLSETS=works MCP_READ_ONLY=true, refuses account data by tool and by resource alike", async () => {
    // An operator who chose MCP_TOOLSETS without MCP_PERMITTED_TOOLSETS chose what may be called too.
    const listing = await serve({ MCP_TOOLSETS: "works", MCP_READ_ONLY: "true" });
    const client = await connect(listing.url);
    expect(names(await toolsOf(client)).every((n) => n.startsWith("devrev_works_"))).toBe(true);
    const accounts = await client.callTool({ name: "devrev_accounts_list", arguments: {} });
    expect(accounts.isError).toBe(true);
    expect(textOf(accounts)).toMatch(/not permitted on this server/);
    await expect(client.readResource({ uri: "devrev://accounts/ACC-2" })).rejects.toThrow(/not available/);
    expect((await client.listPrompts()).prompts.map((p) => p.name)).not.toContain("summarize_account");
    // Works data still comes back.
    const work = await client.readResource({ uri: "devrev://works/TKT-1" });
    expect((work.contents[0] as { text: string }).text).toMatch(/^TKT-1 /);
  });

  it("lists MCP_TOOLSETS and permits MCP_PERMITTED_TOOLSETS when both are set: tool and resource answer alike", async () => {
    const listing = await serve({
      MCP_TOOLSETS: "works",
      MCP_PERMITTED_TOOLSETS: "all",
      MCP_READ_ONLY: "true",
    });
    const client = await connect(listing.url);
    expect(names(await toolsOf(client)).every((n) => n.startsWith("devrev_works_"))).toBe(true);
    // Not listed but permitted: the tool and the resource answer alike.
    const accounts = await client.callTool({ name: "devrev_accounts_list", arguments: {} });
    expect(accounts.isError, textOf(accounts)).not.toBe(true);
    expect(textOf(accounts)).toMatch(/ACC-2/);
    const account = await client.readResource({ uri: "devrev://accounts/ACC-2" });
    expect((account.contents[0] as { text: string }).text).toMatch(/ACC-2/);
  });

  it("lists every resource and prompt where their tools are permitted", async () => {
    const client = await connect(wide.url);
    expect((await client.listResources()).resources.map((r) => r.uri)).toEqual(["devrev://me"]);
    expect((await client.listResourceTemplates()).resourceTemplates).toHaveLength(7);
    expect((await client.listPrompts()).prompts).toHaveLength(8);
    const account = await client.readResource({ uri: "devrev://accounts/ACC-2" });
    expect((account.contents[0] as { text: string }).text).toMatch(/Initech/);
  });
});

describe("prompts name only tools the client can call", () => {
  const PROMPTS: Array<{ name: string; arguments: Record<string, string> }> = [
    { name: "triage_ticket", arguments: { ticket_id: "TKT-13" } },
    { name: "escalate_ticket", arguments: { ticket_id: "TKT-13", reason: "month-end close is blocked" } },
    { name: "investigate_issue", arguments: { issue_id: "ISS-1" } },
    { name: "find_similar_tickets", arguments: { ticket_id: "TKT-1" } },
    { name: "onboard_customer", arguments: { account_id: "ACC-2" } },
    { name: "draft_customer_response", arguments: { ticket_id: "TKT-3" } },
    { name: "summarize_account", arguments: { account_id: "ACC-2" } },
    { name: "weekly_support_report", arguments: {} },
  ];

  async function texts(client: Client): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const listed = new Set((await client.listPrompts()).prompts.map((p) => p.name));
    for (const p of PROMPTS) {
      if (!listed.has(p.name)) continue;
      const got = await client.getPrompt(p);
      out.set(p.name, (got.messages[0]?.content as { text?: string } | undefined)?.text ?? "");
    }
    return out;
  }

  /** Tool names in a prompt's text that this client could not call as the text says. */
  function uncallable(text: string, listed: ReadonlySet<string>): string[] {
    // A tool named through devrev_call_tool is called through it; any other name must be listed.
    const through = /devrev_call_tool with name "devrev_\w+"/g;
    const forwarded = (text.match(through) ?? []).length;
    const named = text.replace(through, "devrev_call_tool").match(/\bdevrev_[a-z_]+\b/g) ?? [];
    const missing = named.filter((n) => !listed.has(n));
    return forwarded && !listed.has("devrev_call_tool") ? [...missing, "devrev_call_tool"] : missing;
  }

  it("names unlisted tools through devrev_call_tool on the default surface", async () => {
    const defaults = await serve();
    const client = await connect(defaults.url);
    const listed = new Set(names(await toolsOf(client)));
    const all = await texts(client);
    expect([...all.keys()].sort()).toEqual(PROMPTS.map((p) => p.name).sort());
    for (const [name, text] of all) expect(uncallable(text, listed), name).toEqual([]);
    // The issue's cases: linking from escalate, investigate and similar tickets; onboarding's writes.
    for (const name of ["escalate_ticket", "investigate_issue", "find_similar_tickets"]) {
      expect(all.get(name), name).toContain('devrev_call_tool with name "devrev_links_create"');
    }
    for (const tool of ["devrev_accounts_update", "devrev_rev_users_create", "devrev_conversations_create"]) {
      expect(all.get("onboard_customer")).toContain(`devrev_call_tool with name "${tool}"`);
    }
    // A listed tool is named as itself.
    expect(all.get("triage_ticket")).toMatch(
      /Give the exact tool calls \(devrev_works_update; devrev_timeline_entries_create\)/,
    );
  });

  it("names listed tools directly when everything is listed, and none on a read-only connection", async () => {
    const wide = await serve({ MCP_TOOLSETS: "all" });
    const all = await texts(await connect(wide.url));
    expect(all.get("escalate_ticket")).toMatch(
      /\(devrev_works_update; devrev_works_create; devrev_links_create; devrev_timeline_entries_create\)/,
    );
    expect(all.get("escalate_ticket")).not.toContain("devrev_call_tool");

    const readOnly = await connect(`${wide.origin}/mcp/readonly`);
    const listed = new Set(names(await toolsOf(readOnly)));
    const ro = await texts(readOnly);
    expect(ro.size).toBe(PROMPTS.length);
    for (const [name, text] of ro) expect(uncallable(text, listed), name).toEqual([]);
    expect(ro.get("escalate_ticket")).toContain("This connection cannot make these changes");
    expect(ro.get("draft_customer_response")).toContain("This connection cannot post comments");
  });
});
