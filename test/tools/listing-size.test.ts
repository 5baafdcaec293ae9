import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LISTING_BUDGET_BYTES, listingBytes, ToolRegistry } from "../../app/mcp/registry.js";
import { TOOLS } from "../../app/tools/catalog.js";
import { SURFACES, TYPICAL_PUBLIC_URL } from "../../scripts/tools-size.js";
import { startTestServer, type TestServer } from "../support/mcp-server.js";
import { messagesOf, post, rpc } from "../support/rpc.js";

// Every byte of tools/list is read into each client's context, so it has a budget (issue 14):
// the default surface at most 20 KB, every tool enabled at most 60 KB, measured on the result as
// the server sends it, at the public URL length of a real deployment (icon URLs count).

const ALL = { MCP_TOOLSETS: "all", MCP_ENABLE_BETA_TOOLS: "true", MCP_ENABLE_DESTRUCTIVE_TOOLS: "true" };
const auth = { Authorization: "Bearer sandbox-alice" };

let defaults: TestServer;
let everything: TestServer;
beforeAll(async () => {
  defaults = await startTestServer({ MCP_PUBLIC_URL: TYPICAL_PUBLIC_URL });
  everything = await startTestServer({ ...ALL, MCP_PUBLIC_URL: TYPICAL_PUBLIC_URL });
});
afterAll(async () => {
  await defaults?.close();
  await everything?.close();
});

/** The tools/list result as served, and its size in bytes of JSON. */
async function served(server: TestServer, era: "2025-11-25" | "2026-07-28") {
  const modern = era === "2026-07-28";
  const params = modern
    ? {
        _meta: {
          "io.modelcontextprotocol/protocolVersion": era,
          "io.modelcontextprotocol/clientInfo": { name: "size-test", version: "1" },
          "io.modelcontextprotocol/clientCapabilities": {},
        },
      }
    : undefined;
  const res = await post(server.origin, "/mcp", rpc(1, "tools/list", params), {
    ...auth,
    "MCP-Protocol-Version": era,
    ...(modern ? { "Mcp-Method": "tools/list" } : {}),
  });
  const [msg] = messagesOf(res);
  expect(msg?.error, JSON.stringify(msg?.error)).toBeUndefined();
  const result = msg?.result as { tools: Array<{ name: string; icons?: unknown }> };
  return { result, bytes: Buffer.byteLength(JSON.stringify(result), "utf8") };
}

describe("tools/list size", () => {
  it.each(["2025-11-25", "2026-07-28"] as const)(
    "keeps the default surface within 20 KB and every tool within 60 KB (%s)",
    async (era) => {
      const small = await served(defaults, era);
      const big = await served(everything, era);
      expect(small.result.tools.length).toBeGreaterThan(10);
      // Everything is listed, so devrev_call_tool, which runs unlisted tools, is not.
      const listable = TOOLS.filter((t) => !t.forwards);
      expect(big.result.tools.map((t) => t.name).sort()).toEqual(listable.map((t) => t.name).sort());
      expect(small.bytes).toBeLessThanOrEqual(LISTING_BUDGET_BYTES.default);
      expect(big.bytes).toBeLessThanOrEqual(LISTING_BUDGET_BYTES.all);
    },
  );

  it("is what npm run tools:size reports: the tools array as served, and nothing else at 2025-11-25", async () => {
    const registry = new ToolRegistry(TOOLS, { iconBase: () => TYPICAL_PUBLIC_URL });
    expect((await served(defaults, "2025-11-25")).bytes).toBe(listingBytes(registry.list(SURFACES.default)));
    expect((await served(everything, "2025-11-25")).bytes).toBe(listingBytes(registry.list(SURFACES.all)));
  });

  it("drops the icons, never anything a model reads, from a listing they would take over the cap", async () => {
    // The default surface carries them; all 85 tools would pass 60 KB with them, so carry none.
    expect((await served(defaults, "2025-11-25")).result.tools.every((t) => t.icons)).toBe(true);
    expect((await served(everything, "2025-11-25")).result.tools.some((t) => t.icons)).toBe(false);
    const registry = new ToolRegistry(TOOLS, { iconBase: () => TYPICAL_PUBLIC_URL });
    const withIcons = TOOLS.flatMap((t) => registry.get(t.name)?.iconListing ?? []);
    expect(listingBytes(withIcons)).toBeGreaterThan(LISTING_BUDGET_BYTES.all);
  });

  it("stays within both budgets on stdio, which lists no icons", () => {
    const registry = new ToolRegistry(TOOLS);
    expect(registry.list(SURFACES.default).some((t) => t.icons)).toBe(false);
    expect(listingBytes(registry.list(SURFACES.default))).toBeLessThanOrEqual(LISTING_BUDGET_BYTES.default);
    expect(listingBytes(registry.list(SURFACES.all))).toBeLessThanOrEqual(LISTING_BUDGET_BYTES.all);
  });
});
