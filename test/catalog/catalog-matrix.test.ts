import { Client as ModernClient, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isReadOperation } from "../../app/devrev/operations.js";
import { ToolRegistry } from "../../app/mcp/registry.js";
import { TOOLS } from "../../app/tools/catalog.js";
import { connectClient, startTestServer, type TestServer, textOf } from "../support/mcp-server.js";
import type { Samples } from "./samples/types.js";

// Every tool, three ways, through the SDK clients against the spec-validating sandbox: a happy
// path (which must call only the DevRev operations the tool declares, and only reads if it is
// read-only), a bad input (rejected with a message), and an upstream failure (a clear tool error).
// The happy call goes through the v2 client, which validates structuredContent against the
// outputSchema tools/list advertised (and refuses a success without it): the listed schema is a
// contract clients hold the server to, for writes as much as reads.

const sampleModules = import.meta.glob<{ samples: Samples }>("./samples/*.ts", { eager: true });
const SAMPLES: Samples = Object.assign({}, ...Object.values(sampleModules).map((m) => m.samples ?? {}));
const everything = {
  MCP_TOOLSETS: "all",
  MCP_ENABLE_DESTRUCTIVE_TOOLS: "true",
  MCP_ENABLE_BETA_TOOLS: "true",
  // The matrix makes hundreds of calls as one user within a minute.
  MCP_RATE_LIMIT_RPM: "0",
};

// Destructive tools run last so their deletions cannot break other samples.
const ORDERED = [...TOOLS].sort(
  (a, b) => Number(a.annotations.destructiveHint) - Number(b.annotations.destructiveHint),
);

let server: TestServer;
let failing: TestServer;
let client: Client;
let failingClient: Client;
let tight: TestServer;
let modern: ModernClient;
let tightModern: ModernClient;
let listed: Map<string, { outputSchema?: unknown }>;

/** A v2 client holding the server's tools/list, so it validates every call against it. */
async function connectModern(url: string): Promise<ModernClient> {
  const c = new ModernClient({ name: "catalog-matrix", version: "1.0.0" });
  await c.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers: { Authorization: "Bearer sandbox-alice" } },
    }),
  );
  return c;
}

beforeAll(async () => {
  server = await startTestServer(everything);
  failing = await startTestServer({ ...everything, DEVREV_API_MAX_RETRIES: "0" });
  client = await connectClient(server.url, "sandbox-alice");
  failingClient = await connectClient(failing.url, "sandbox-alice");
  // Results cut to the smallest budget allowed take the truncation paths of app/mcp/result.ts.
  tight = await startTestServer({ ...everything, MCP_MAX_RESULT_CHARS: "1000" });
  modern = await connectModern(server.url);
  tightModern = await connectModern(tight.url);
  listed = new Map((await modern.listTools()).tools.map((t) => [t.name, t]));
  await tightModern.listTools();
  // After the token is validated and cached, every DevRev call fails.
  failing.sandbox.state.setFaults("503:1");
});
afterAll(async () => {
  await client?.close();
  await failingClient?.close();
  await modern?.close();
  await tightModern?.close();
  await tight?.close();
  await server?.close();
  await failing?.close();
});

describe("the tool catalogue", () => {
  it("has a sample for every tool and no sample for a tool that does not exist", () => {
    const names = TOOLS.map((t) => t.name);
    expect(names.filter((n) => !SAMPLES[n])).toEqual([]);
    expect(Object.keys(SAMPLES).filter((n) => !names.includes(n))).toEqual([]);
  });

  it("declares every annotation on every tool, and read-only tools declare only reads", () => {
    for (const t of TOOLS) {
      for (const hint of ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"] as const) {
        expect(typeof t.annotations[hint], `${t.name}.${hint}`).toBe("boolean");
      }
      if (t.annotations.readOnlyHint) {
        expect(t.annotations.destructiveHint, t.name).toBe(false);
        expect(
          t.operations.filter((op) => !isReadOperation(op)),
          t.name,
        ).toEqual([]);
      }
    }
  });

  it("lists every tool with an output schema", () => {
    // All are listed here but devrev_call_tool (nothing is left for it to run), listed elsewhere.
    const registry = new ToolRegistry(TOOLS);
    expect(TOOLS.filter((t) => !registry.get(t.name)?.listing.outputSchema).map((t) => t.name)).toEqual([]);
    expect(TOOLS.filter((t) => !t.forwards && !listed.get(t.name)?.outputSchema).map((t) => t.name)).toEqual(
      [],
    );
  });

  describe.each(ORDERED.map((t) => [t.name, t] as const))("%s", (name, tool) => {
    it("succeeds on its sample, calling only what it declares", async () => {
      const sample = SAMPLES[name];
      if (!sample) throw new Error(`no sample for ${name}`);
      server.sandbox.state.clearRequests();
      // devrev_call_tool is as destructive as what it runs; its sample runs a read.
      const destructive = tool.annotations.destructiveHint && !tool.forwards;
      if (destructive) {
        // Every destructive tool asks first: without the user's confirmation it names the object,
        // explains how to confirm, and changes nothing (this client cannot answer elicitation).
        const unconfirmed = await client.callTool({ name, arguments: sample.happy });
        expect(unconfirmed.isError).toBe(true);
        expect(textOf(unconfirmed)).toMatch(/\?.*Nothing has been changed yet.*confirm: true/s);
        expect(server.sandbox.state.requests().filter((r) => !isReadOperation(r.op))).toEqual([]);
      }
      const args = destructive ? { ...sample.happy, confirm: true } : sample.happy;
      // Throws when structuredContent is missing or breaks the advertised outputSchema.
      const result = await modern.callTool({ name, arguments: args });
      expect(result.isError, textOf(result)).not.toBe(true);
      expect(textOf(result).length).toBeGreaterThan(0);
      expect(result.structuredContent).toBeDefined();
      // tools/list advertises only the top level; the full zod schema must hold for every result.
      const check = tool.output.safeParse(result.structuredContent);
      expect(check.success, check.error?.message).toBe(true);
      const ops = server.sandbox.state.requests().map((r) => r.op);
      // A tool that declares no operations (devrev_find_tools) must call none; any other calls DevRev.
      if (tool.operations.length === 0) expect(ops).toEqual([]);
      else expect(ops.length).toBeGreaterThan(0);
      expect(
        ops.filter((op) => !tool.operations.includes(op)),
        "undeclared DevRev operations",
      ).toEqual([]);
      if (tool.annotations.readOnlyHint)
        expect(
          ops.filter((op) => !isReadOperation(op)),
          "writes from a read-only tool",
        ).toEqual([]);
      expect(server.sandbox.violations()).toEqual([]);
    });

    it("rejects bad input with a message", async () => {
      const sample = SAMPLES[name];
      if (!sample?.bad) return;
      server.sandbox.state.clearRequests();
      const result = await client.callTool({ name, arguments: sample.bad });
      expect(result.isError).toBe(true);
      // A wrong kind of id ("ACC-1 is an account id, not a ticket") is a rejection too.
      expect(textOf(result)).toMatch(/Invalid arguments|is not|id, not|must|only|Nothing to change/);
      expect(server.sandbox.state.requests().filter((r) => !isReadOperation(r.op))).toEqual([]);
    });

    it("turns a DevRev failure into a clear tool error", async () => {
      const sample = SAMPLES[name];
      if (!sample) throw new Error(`no sample for ${name}`);
      if (tool.operations.length === 0) return;
      const result = await failingClient.callTool({ name, arguments: sample.happy });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/DevRev (failed with HTTP 503|could not be reached|did not answer)/);
    });
  });

  // The same samples against a fresh sandbox with every result cut to 1,000 characters: a cut
  // list, a capped structured result and a confirmation still answer with structuredContent that
  // the advertised outputSchema (checked by the v2 client) and the full zod schema accept.
  const cut: string[] = [];
  describe.each(ORDERED.map((t) => [t.name, t] as const))(
    "%s, cut to a small result budget",
    (name, tool) => {
      it("still answers with structured content its output schemas accept", async () => {
        const sample = SAMPLES[name];
        if (!sample) throw new Error(`no sample for ${name}`);
        const args = tool.annotations.destructiveHint ? { ...sample.happy, confirm: true } : sample.happy;
        const result = await tightModern.callTool({ name, arguments: args });
        expect(result.isError, textOf(result)).not.toBe(true);
        expect(textOf(result).length).toBeLessThanOrEqual(1000);
        if (textOf(result).includes("[Truncated:")) cut.push(name);
        const check = tool.output.safeParse(result.structuredContent);
        expect(check.success, check.error?.message).toBe(true);
      });
    },
  );

  it("lists devrev_call_tool where it has tools to run, and its answer keeps to its outputSchema", async () => {
    const narrow = await startTestServer({ MCP_RATE_LIMIT_RPM: "0" });
    const c = await connectModern(narrow.url);
    try {
      const { tools } = await c.listTools();
      expect(tools.find((t) => t.name === "devrev_call_tool")?.outputSchema).toEqual({ type: "object" });
      expect(tools.some((t) => t.name === "devrev_tags_create")).toBe(false);
      // The v2 client checks the forwarded result against devrev_call_tool's schema.
      const result = await c.callTool({
        name: "devrev_call_tool",
        arguments: { name: "devrev_tags_create", arguments: { name: "contract-check" } },
      });
      expect(result.isError, textOf(result)).not.toBe(true);
      const created = TOOLS.find((t) => t.name === "devrev_tags_create")?.output.safeParse(
        result.structuredContent,
      );
      expect(created?.success, created?.error?.message).toBe(true);
    } finally {
      await c.close();
      await narrow.close();
    }
  });

  it("cut several of those results (so the truncation paths were taken)", () => {
    expect(cut.length, cut.join(", ")).toBeGreaterThanOrEqual(5);
  });
});
