import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOMAINS } from "../../app/tools/catalog.js";
import { TOOLSET_ICONS, toolsetIconSvg } from "../../app/tools/toolset-icons.js";
import { startTestServer, type TestServer } from "../support/mcp-server.js";
import { messagesOf, post, rpc } from "../support/rpc.js";

// Each toolset has an icon, served by the server itself at /icons/<toolset>.svg, and every tool a
// listing shows points at its toolset's: a client's UI can group the tools it lists at a glance.

let server: TestServer;
beforeAll(async () => {
  // Several toolsets, well under the size cap, on loopback: icon URLs are the listening address.
  server = await startTestServer({ MCP_TOOLSETS: "works,customers,articles,tags" });
});
afterAll(() => server?.close());

/** WCAG relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

describe("toolset icons", () => {
  it("exist for every toolset and only for toolsets", () => {
    expect(Object.keys(TOOLSET_ICONS).sort()).toEqual(DOMAINS.map((d) => d.toolset).sort());
  });

  it("draw white labels at a contrast of at least 3:1, each toolset in its own colour", () => {
    const colours = Object.values(TOOLSET_ICONS).map((i) => i.color);
    expect(new Set(colours).size).toBe(colours.length);
    for (const [toolset, icon] of Object.entries(TOOLSET_ICONS)) {
      expect(icon.color, toolset).toMatch(/^#[0-9a-f]{6}$/);
      expect(1.05 / (luminance(icon.color) + 0.05), toolset).toBeGreaterThanOrEqual(3);
      expect(icon.label, toolset).toMatch(/^[^<>&"']{1,3}$/);
      expect(toolsetIconSvg(icon)).toContain(`>${icon.label}</text></svg>`);
    }
  });

  it("are served without a token as inert, cacheable SVG that other origins may show", async () => {
    for (const toolset of Object.keys(TOOLSET_ICONS)) {
      const res = await fetch(`${server.origin}/icons/${toolset}.svg`);
      expect(res.status, toolset).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
      expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
      expect(res.headers.get("cache-control")).toBe("public, max-age=86400");
      const svg = await res.text();
      expect(svg).toBe(toolsetIconSvg(TOOLSET_ICONS[toolset] as (typeof TOOLSET_ICONS)[string]));
      expect(svg).not.toMatch(/<script|on\w+=|href/i);
    }
    expect((await fetch(`${server.origin}/icons/nope.svg`)).status).toBe(404);
    expect((await fetch(`${server.origin}/icons/works.png`)).status).toBe(404);
  });

  it("are carried by every listed tool, pointing at its toolset's icon on this server", async () => {
    const res = await post(server.origin, "/mcp", rpc(1, "tools/list"), {
      Authorization: "Bearer sandbox-alice",
    });
    type Listed = { name: string; icons?: Array<{ src: string }> };
    const [msg] = messagesOf(res);
    const tools = (msg?.result as { tools?: Listed[] } | undefined)?.tools ?? [];
    expect(tools.length).toBeGreaterThan(15);
    for (const t of tools) {
      const toolset = DOMAINS.find((d) => d.tools.some((d) => d.name === t.name))?.toolset;
      expect(t.icons, t.name).toEqual([{ src: `${server.origin}/icons/${toolset}.svg` }]);
    }
    // The URL in the listing is one the server answers.
    const src = tools[0]?.icons?.[0]?.src ?? "";
    expect((await fetch(src)).status).toBe(200);
  });
});
