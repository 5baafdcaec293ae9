import { Client as ModernClient, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { Client as V1Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport as V1StdioTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectClient, startTestServer, type TestServer, textOf } from "../support/mcp-server.js";
import { messagesOf, post } from "../support/rpc.js";

// Destructive tools ask the user before they delete, in the form the client can answer, and the
// question names the object. A refused or unanswered confirmation deletes nothing.

const MODERN = "2026-07-28";
const auth = { Authorization: "Bearer sandbox-alice" };

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ MCP_ENABLE_DESTRUCTIVE_TOOLS: "true", MCP_TOOLSETS: "all" });
});
afterAll(() => server?.close());

/** A fresh issue to delete: its display id and title. */
async function freshIssue(title: string): Promise<string> {
  const client = await connectClient(server.url, "sandbox-alice");
  try {
    const created = await client.callTool({
      name: "devrev_works_create",
      arguments: { type: "issue", title, part: "PROD-1" },
    });
    return (created.structuredContent as { work: { display_id: string } }).work.display_id;
  } finally {
    await client.close();
  }
}

const exists = (title: string) => server.sandbox.state.store.works.all().some((w) => w.title === title);

/**
 * Runs `use` with a 2026-07-28 client connected to the server, then closes it. With `answer` the
 * client can answer form elicitation (each question it was asked is kept in `asked`); without,
 * it declares no elicitation at all.
 */
async function withModernClient(
  answer: ((message: string) => { action: "accept" | "decline" | "cancel"; confirm?: boolean }) | undefined,
  use: (client: ModernClient, asked: readonly string[]) => Promise<void>,
): Promise<void> {
  const asked: string[] = [];
  const client = new ModernClient(
    { name: "confirm-test", version: "1.0.0" },
    {
      versionNegotiation: { mode: { pin: MODERN } },
      ...(answer ? { capabilities: { elicitation: { form: {} } } } : {}),
    },
  );
  if (answer) {
    client.setRequestHandler("elicitation/create", async (request) => {
      const message = String(request.params.message);
      asked.push(message);
      const a = answer(message);
      return a.action === "accept"
        ? { action: "accept", content: { confirm: a.confirm ?? true } }
        : { action: a.action };
    });
  }
  try {
    await client.connect(
      new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: auth } }),
    );
    await use(client, asked);
  } finally {
    await client.close();
  }
}

describe("2026-07-28: an input_required round trip", () => {
  it("asks, naming the display id and title, and deletes once the user agrees", async () => {
    const title = "Confirm me: accept";
    const id = await freshIssue(title);
    await withModernClient(
      () => ({ action: "accept" }),
      async (client, asked) => {
        const result = await client.callTool({ name: "devrev_works_delete", arguments: { id } });
        expect(result.isError).not.toBe(true);
        expect(asked).toHaveLength(1);
        expect(asked[0]).toContain(id);
        expect(asked[0]).toContain(title);
        expect(exists(title)).toBe(false);
      },
    );
  });

  it.each(["decline", "cancel"] as const)("deletes nothing when the user answers %s", async (action) => {
    const title = `Confirm me: ${action}`;
    const id = await freshIssue(title);
    await withModernClient(
      () => ({ action }),
      async (client, asked) => {
        const result = await client.callTool({ name: "devrev_works_delete", arguments: { id } });
        expect(result.isError).toBe(true);
        expect(textOf(result)).toMatch(/did not confirm.*Nothing was changed/s);
        expect(asked).toHaveLength(1);
        expect(exists(title)).toBe(true);
      },
    );
  });

  it("deletes nothing when the answer is 'no' in the form", async () => {
    const title = "Confirm me: unticked";
    const id = await freshIssue(title);
    await withModernClient(
      () => ({ action: "accept", confirm: false }),
      async (client) => {
        const result = await client.callTool({
          name: "devrev_works_delete",
          arguments: { id, confirm: true },
        });
        expect(result.isError).toBe(true);
        expect(exists(title)).toBe(true);
      },
    );
  });

  it("deletes nothing while the question is unanswered (the raw first round)", async () => {
    const title = "Confirm me: unanswered";
    const id = await freshIssue(title);
    const res = await post(
      server.origin,
      "/mcp",
      {
        jsonrpc: "2.0",
        id: 5,
        method: "tools/call",
        params: {
          name: "devrev_works_delete",
          arguments: { id, confirm: true },
          _meta: {
            "io.modelcontextprotocol/protocolVersion": MODERN,
            "io.modelcontextprotocol/clientCapabilities": { elicitation: { form: {} } },
          },
        },
      },
      {
        ...auth,
        "MCP-Protocol-Version": MODERN,
        "Mcp-Method": "tools/call",
        "Mcp-Name": "devrev_works_delete",
      },
    );
    expect(res.status).toBe(200);
    const [msg] = messagesOf(res);
    const result = msg?.result as {
      resultType: string;
      inputRequests: Record<string, { params: { message: string } }>;
    };
    expect(result.resultType).toBe("input_required");
    expect(result.inputRequests.confirm?.params.message).toContain(title);
    expect(exists(title)).toBe(true);
  });

  it("falls back to the confirm argument for a client without elicitation", async () => {
    const title = "Confirm me: no elicitation";
    const id = await freshIssue(title);
    await withModernClient(undefined, async (client) => {
      const first = await client.callTool({ name: "devrev_works_delete", arguments: { id } });
      expect(first.isError).toBe(true);
      expect(textOf(first)).toContain(id);
      expect(textOf(first)).toContain("confirm: true");
      expect(exists(title)).toBe(true);
      const second = await client.callTool({ name: "devrev_works_delete", arguments: { id, confirm: true } });
      expect(second.isError).not.toBe(true);
      expect(exists(title)).toBe(false);
    });
  });
});

describe("2025-era over stateless HTTP: the documented confirm argument", () => {
  it("explains and deletes nothing without confirm, deletes with confirm: true", async () => {
    const title = "Confirm me: legacy";
    const id = await freshIssue(title);
    const client = await connectClient(server.url, "sandbox-alice");
    try {
      const first = await client.callTool({ name: "devrev_works_delete", arguments: { id } });
      expect(first.isError).toBe(true);
      expect(textOf(first)).toContain(id);
      expect(textOf(first)).toContain(title);
      expect(textOf(first)).toContain("confirm: true");
      expect(exists(title)).toBe(true);
      const second = await client.callTool({ name: "devrev_works_delete", arguments: { id, confirm: true } });
      expect(second.isError).not.toBe(true);
      expect(exists(title)).toBe(false);
    } finally {
      await client.close();
    }
  });

  it("advertises confirm on every destructive tool and on nothing else", async () => {
    const client = await connectClient(server.url, "sandbox-alice");
    try {
      const { tools } = await client.listTools();
      for (const tool of tools) {
        const hasConfirm = "confirm" in ((tool.inputSchema.properties ?? {}) as object);
        expect(hasConfirm, tool.name).toBe(tool.annotations?.destructiveHint === true);
      }
    } finally {
      await client.close();
    }
  });
});

describe("2025-era over stdio with elicitation: a pushed question", () => {
  async function stdioClient(answer: "accept" | "decline") {
    const client = new V1Client(
      { name: "confirm-test", version: "1.0.0" },
      { capabilities: { elicitation: {} } },
    );
    const asked: string[] = [];
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      asked.push(String(request.params.message));
      return answer === "accept" ? { action: "accept", content: { confirm: true } } : { action: "decline" };
    });
    await client.connect(
      new V1StdioTransport({
        command: process.execPath,
        args: ["dist/cli.js", "--sandbox", "--transport", "stdio"],
        env: {
          PATH: process.env.PATH ?? "",
          MCP_LOG_LEVEL: "error",
          MCP_ENABLE_DESTRUCTIVE_TOOLS: "true",
          MCP_TOOLSETS: "all",
        },
      }),
    );
    return { client, asked };
  }

  it("deletes after the user accepts and nothing after they decline", async () => {
    for (const answer of ["decline", "accept"] as const) {
      const { client, asked } = await stdioClient(answer);
      try {
        const result = await client.callTool({ name: "devrev_works_delete", arguments: { id: "TKT-3" } });
        expect(asked).toHaveLength(1);
        expect(asked[0]).toContain("TKT-3");
        expect(result.isError === true).toBe(answer === "decline");
        const after = await client.callTool({ name: "devrev_works_get", arguments: { id: "TKT-3" } });
        expect(after.isError === true).toBe(answer === "accept");
      } finally {
        await client.close();
      }
    }
  });
});
