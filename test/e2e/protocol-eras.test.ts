import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { Client as ModernClient, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { StdioClientTransport as ModernStdioTransport } from "@modelcontextprotocol/client/stdio";
import { Client as V1Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport as V1StdioTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport as V1HttpTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, textOf } from "../support/mcp-server.js";
import { messagesOf, post } from "../support/rpc.js";

// Both protocol generations against the same server, with real clients of both SDK generations,
// over HTTP and stdio: the v2 client at 2026-07-28 (server/discover, no initialize, _meta on
// every request) and the v1 client at 2025-11-25 and 2025-06-18 (stateless initialize).

const MODERN = "2026-07-28";
const auth = { Authorization: "Bearer sandbox-alice" };
const STDIO = {
  command: process.execPath,
  args: ["dist/cli.js", "--sandbox", "--transport", "stdio"],
  env: { PATH: process.env.PATH ?? "", MCP_LOG_LEVEL: "error" },
};

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

function modernClient(mode: "auto" | { pin: string } = { pin: MODERN }) {
  return new ModernClient({ name: "era-test", version: "1.0.0" }, { versionNegotiation: { mode } });
}

function modernHttp(url: string) {
  return new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: auth } });
}

/** A v1 transport whose initialize asks for `version` instead of the SDK's latest. */
function askingFor<T extends Transport>(transport: T, version: string): T {
  const send = transport.send.bind(transport);
  transport.send = (message, options) => {
    if ("method" in message && message.method === "initialize" && message.params) {
      message = { ...message, params: { ...message.params, protocolVersion: version } };
    }
    return send(message, options);
  };
  return transport;
}

/** What every era must answer the same way: tools, resources, templates, prompts, completion. */
async function exerciseSurface(client: ModernClient | V1Client) {
  const { tools } = await client.listTools();
  expect(tools.map((t) => t.name)).toContain("devrev_whoami");
  const me = await client.callTool({ name: "devrev_whoami", arguments: {} });
  expect(textOf(me)).toMatch(/alice@acme\.test/);
  const works = await client.callTool({ name: "devrev_works_list", arguments: { limit: 2 } });
  expect((works.structuredContent as { items: unknown[] }).items).toHaveLength(2);

  const { resources } = await client.listResources();
  expect(resources.map((r) => r.uri)).toContain("devrev://me");
  const { resourceTemplates } = await client.listResourceTemplates();
  expect(resourceTemplates.map((t) => t.uriTemplate)).toContain("devrev://works/{id}");
  const read = await client.readResource({ uri: "devrev://works/TKT-1" });
  expect(JSON.stringify(read.contents)).toMatch(/TKT-1/);

  const { prompts } = await client.listPrompts();
  expect(prompts.map((p) => p.name)).toContain("triage_ticket");
  const prompt = await client.getPrompt({ name: "triage_ticket", arguments: { ticket_id: "TKT-1" } });
  expect(JSON.stringify(prompt.messages)).toMatch(/TKT-1/);

  const completion = await client.complete({
    ref: { type: "ref/resource", uri: "devrev://works/{id}" },
    argument: { name: "id", value: "TKT" },
  });
  expect(completion.completion.values.length).toBeGreaterThan(0);
  expect(completion.completion.values.every((v) => v.startsWith("TKT"))).toBe(true);
}

describe("2026-07-28 over HTTP (v2 client)", () => {
  it("discovers the server without initialize and uses the whole surface", async () => {
    const client = modernClient();
    try {
      await client.connect(modernHttp(server.url));
      expect(client.getProtocolEra()).toBe("modern");
      const discover = client.getDiscoverResult();
      expect(discover?.supportedVersions).toContain(MODERN);
      expect(client.getServerVersion()).toMatchObject({ name: "devrev-mcp-server" });
      expect(client.getServerCapabilities()).toMatchObject({ tools: {}, resources: {}, prompts: {} });
      await exerciseSurface(client);
    } finally {
      await client.close();
    }
  });

  it("advertises the server icon and sends progress from a long tool only when asked", async () => {
    const client = modernClient();
    try {
      await client.connect(modernHttp(server.url));
      const icons = client.getServerVersion()?.icons ?? [];
      expect(icons[0]).toMatchObject({ mimeType: "image/svg+xml" });
      expect(icons[0]?.src).toMatch(/^data:image\/svg\+xml;base64,/);
      const steps: Array<{ progress: number; total?: number }> = [];
      const asked = await client.callTool(
        { name: "devrev_customer_overview", arguments: { customer: "ACC-1" } },
        { onprogress: (p) => steps.push(p) },
      );
      expect(asked.isError).not.toBe(true);
      expect(steps.map((p) => p.progress)).toEqual([1, 2, 3]);
      expect(steps.every((p) => p.total === 3)).toBe(true);
      // Without a progress token the same call answers with one JSON body, no stream.
      const res = await post(
        server.origin,
        "/mcp",
        {
          jsonrpc: "2.0",
          id: 9,
          method: "tools/call",
          params: {
            name: "devrev_customer_overview",
            arguments: { customer: "ACC-1" },
            _meta: {
              "io.modelcontextprotocol/protocolVersion": MODERN,
              "io.modelcontextprotocol/clientCapabilities": {},
            },
          },
        },
        {
          ...auth,
          "MCP-Protocol-Version": MODERN,
          "Mcp-Method": "tools/call",
          "Mcp-Name": "devrev_customer_overview",
        },
      );
      expect(res.headers["content-type"]).toMatch(/application\/json/);
      expect(messagesOf(res)).toHaveLength(1);
    } finally {
      await client.close();
    }
  });

  it("marks list results cacheable for the connection, never resource reads", async () => {
    const list = async (method: string, params: Record<string, unknown> = {}) => {
      const res = await post(
        server.origin,
        "/mcp",
        {
          jsonrpc: "2.0",
          id: 1,
          method,
          params: {
            ...params,
            _meta: {
              "io.modelcontextprotocol/protocolVersion": MODERN,
              "io.modelcontextprotocol/clientCapabilities": {},
            },
          },
        },
        {
          ...auth,
          "MCP-Protocol-Version": MODERN,
          "Mcp-Method": method,
          ...(typeof params.uri === "string" ? { "Mcp-Name": params.uri } : {}),
        },
      );
      const [msg] = messagesOf(res);
      expect(msg?.error, JSON.stringify(msg)).toBeUndefined();
      return msg?.result as { ttlMs?: number; cacheScope?: string };
    };
    for (const method of ["tools/list", "prompts/list", "resources/list", "resources/templates/list"]) {
      expect(await list(method), method).toMatchObject({ ttlMs: 3_600_000, cacheScope: "private" });
    }
    const read = await list("resources/read", { uri: "devrev://me" });
    expect(read.ttlMs ?? 0).toBe(0);
  });

  it("negotiates 2026-07-28 in auto mode", async () => {
    const client = modernClient("auto");
    try {
      await client.connect(modernHttp(server.url));
      expect(client.getProtocolEra()).toBe("modern");
      const me = await client.callTool({ name: "devrev_whoami", arguments: {} });
      expect(textOf(me)).toMatch(/alice@acme\.test/);
    } finally {
      await client.close();
    }
  });

  it("answers the server/discover a third-party client sends first, without a protocol error", async () => {
    // The first request of Python mcp 2.3 and mcp-remote 0.15 in their default mode.
    const res = await post(
      server.origin,
      "/mcp",
      {
        jsonrpc: "2.0",
        id: 0,
        method: "server/discover",
        params: {
          _meta: {
            "io.modelcontextprotocol/protocolVersion": MODERN,
            "io.modelcontextprotocol/clientCapabilities": {},
            "io.modelcontextprotocol/clientInfo": { name: "mcp", version: "2.3.0" },
          },
        },
      },
      { ...auth, "MCP-Protocol-Version": MODERN, "Mcp-Method": "server/discover" },
    );
    expect(res.status).toBe(200);
    const [msg] = messagesOf(res);
    expect(msg).toMatchObject({ jsonrpc: "2.0", id: 0 });
    expect(msg?.error).toBeUndefined();
    const result = msg?.result as { supportedVersions: string[]; capabilities: Record<string, unknown> };
    expect(result.supportedVersions).toContain(MODERN);
    expect(result.capabilities).toHaveProperty("tools");
  });

  it("still refuses a 2026-07-28 request without a token, with 401", async () => {
    const client = modernClient();
    await expect(
      client.connect(new StreamableHTTPClientTransport(new URL(server.url))),
    ).rejects.toMatchObject({ code: expect.anything() });
  });
});

describe.each(["2025-11-25", "2025-06-18"])("%s over HTTP (v1 client)", (version) => {
  it("initializes statelessly and uses the whole surface", async () => {
    const client = new V1Client({ name: "era-test", version: "1.0.0" });
    const transport = askingFor(
      new V1HttpTransport(new URL(server.url), { requestInit: { headers: auth } }),
      version,
    );
    try {
      await client.connect(transport);
      expect(transport.protocolVersion).toBe(version);
      expect(client.getServerVersion()).toMatchObject({ name: "devrev-mcp-server" });
      await exerciseSurface(client);
    } finally {
      await client.close();
    }
  });
});

describe("stdio, both generations", () => {
  it("serves a v2 client at 2026-07-28", async () => {
    const client = modernClient();
    try {
      await client.connect(new ModernStdioTransport(STDIO));
      expect(client.getProtocolEra()).toBe("modern");
      await exerciseSurface(client);
    } finally {
      await client.close();
    }
  });

  it.each(["2025-11-25", "2025-06-18"])("serves a v1 client at %s", async (version) => {
    const client = new V1Client({ name: "era-test", version: "1.0.0" });
    try {
      await client.connect(askingFor(new V1StdioTransport(STDIO), version));
      expect(client.getServerVersion()).toMatchObject({ name: "devrev-mcp-server" });
      await exerciseSurface(client);
    } finally {
      await client.close();
    }
  });
});

describe("@modelcontextprotocol/inspector-cli", () => {
  const run = promisify(execFile);
  const inspector = (...args: string[]) =>
    run(
      process.execPath,
      [
        "index.js",
        server.url,
        "--transport",
        "http",
        "--header",
        "Authorization: Bearer sandbox-alice",
        ...args,
      ],
      // It finds its own package.json relative to the working directory.
      { timeout: 30_000, cwd: "node_modules/@modelcontextprotocol/inspector-cli/build" },
    ).then(({ stdout }) => JSON.parse(stdout) as Record<string, unknown>);

  it("lists the tools and calls one", async () => {
    const listed = (await inspector("--method", "tools/list")) as { tools: Array<{ name: string }> };
    expect(listed.tools.map((t) => t.name)).toContain("devrev_whoami");
    const called = await inspector("--method", "tools/call", "--tool-name", "devrev_whoami");
    expect(textOf(called)).toMatch(/alice@acme\.test/);
  });
});
