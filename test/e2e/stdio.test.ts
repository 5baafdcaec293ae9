import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textOf } from "../support/mcp-server.js";

// The built CLI over stdio, as `npx devrev-mcp-server` runs it: stdout carries only protocol
// messages, logs go to stderr.

let client: Client;
let stderr = "";

beforeAll(async () => {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ["dist/cli.js", "--sandbox", "--transport", "stdio"],
    env: { PATH: process.env.PATH ?? "", MCP_LOG_LEVEL: "debug", MCP_LOG_FORMAT: "json" },
    stderr: "pipe",
  });
  transport.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  client = new Client({ name: "stdio-test", version: "1.0.0" });
  await client.connect(transport);
});
afterAll(() => client?.close());

describe("stdio transport", () => {
  it("lists tools and calls them with the configured token", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain("devrev_works_list");
    const me = await client.callTool({ name: "devrev_whoami", arguments: {} });
    expect(textOf(me)).toMatch(/alice@acme\.test/);
    const works = await client.callTool({ name: "devrev_works_list", arguments: { limit: 3 } });
    expect((works.structuredContent as { items: unknown[] }).items).toHaveLength(3);
  });

  it("creates and comments over stdio", async () => {
    const created = await client.callTool({
      name: "devrev_works_create",
      arguments: { type: "issue", title: "From stdio", part: "PROD-1" },
    });
    expect(created.isError).not.toBe(true);
    const id = (created.structuredContent as { work: { display_id: string } }).work.display_id;
    const comment = await client.callTool({
      name: "devrev_timeline_entries_create",
      arguments: { object: id, body: "hi" },
    });
    expect(comment.isError).not.toBe(true);
  });

  it("logs to stderr as JSON, never the token", () => {
    expect(stderr).toMatch(/"message":"devrev-mcp-server ready on stdio"/);
    expect(stderr).not.toContain("sandbox-alice");
  });
});
