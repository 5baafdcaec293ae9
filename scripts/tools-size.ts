// Prints how big tools/list is for the default surface and for `all`: bytes of the result as
// served ({"tools":[...]}, icons included), approximate tokens, the largest tools and where the
// bytes go. test/tools/listing-size.test.ts holds the same numbers to the budgets over real HTTP.
//   npx tsx scripts/tools-size.ts [--top N] [--public-url https://host]
import { pathToFileURL } from "node:url";
import type { Tool } from "@modelcontextprotocol/server";
import { LISTING_BUDGET_BYTES, listingBytes, ToolRegistry } from "../app/mcp/registry.js";
import type { Surface } from "../app/mcp/surface.js";
import { TOOLS } from "../app/tools/catalog.js";

export const SURFACES: Record<keyof typeof LISTING_BUDGET_BYTES, Surface> = {
  default: {
    permitted: ["all"],
    listed: new Set(["default"]),
    readOnly: false,
    destructive: false,
    beta: true,
  },
  all: { permitted: ["all"], listed: "all", readOnly: false, destructive: true, beta: true },
};

/**
 * As long as the URL a default deployment gets (infra: <service>-<project number>.<region>.run.app),
 * so icon URLs weigh what they weigh in production; a custom domain is usually shorter.
 */
export const TYPICAL_PUBLIC_URL = "https://devrev-mcp-123456789012.us-central1.run.app";

/**
 * Tokens, roughly as BPE tokenisers count JSON: a common word (up to 7 letters) is one token and a
 * longer one one per ~6 letters, a number one per 3 digits, a run of punctuation one per 2 marks.
 * Closer than bytes/4 for schema-heavy text; still an estimate, not a tokenizer.
 */
export function estimateTokens(text: string): number {
  let tokens = 0;
  for (const piece of text.match(/[A-Za-z]+|\d+|\s+|[^\sA-Za-z\d]+/g) ?? []) {
    if (/^[A-Za-z]/.test(piece)) tokens += piece.length <= 7 ? 1 : Math.ceil(piece.length / 6);
    else if (/^\d/.test(piece)) tokens += Math.ceil(piece.length / 3);
    else if (/^\s/.test(piece)) tokens += piece.length > 1 ? 1 : 0;
    else tokens += Math.ceil(piece.length / 2);
  }
  return tokens;
}

export function measure(tools: readonly Tool[]) {
  const bytes = listingBytes(tools);
  return {
    tools: tools.length,
    bytes,
    tokensBytesDiv4: Math.ceil(bytes / 4),
    tokensEstimate: estimateTokens(JSON.stringify({ tools })),
  };
}

type Part = "description" | "inputSchema" | "outputSchema" | "annotations" | "icons";
const PARTS: readonly Part[] = ["description", "inputSchema", "outputSchema", "annotations", "icons"];

function main(argv: readonly string[]): void {
  const option = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const top = Number(option("--top") ?? 10);
  const publicUrl = option("--public-url") ?? TYPICAL_PUBLIC_URL;
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const registries = {
    [`HTTP (${publicUrl})`]: new ToolRegistry(TOOLS, { iconBase: () => publicUrl }),
    "stdio (no icons)": new ToolRegistry(TOOLS),
  };
  for (const [served, registry] of Object.entries(registries)) {
    process.stdout.write(`${served}\n`);
    for (const [name, surface] of Object.entries(SURFACES)) {
      const tools = registry.list(surface);
      const m = measure(tools);
      const icons = tools.some((t) => t.icons) ? "icons" : "no icons";
      const budget = LISTING_BUDGET_BYTES[name as keyof typeof LISTING_BUDGET_BYTES];
      process.stdout.write(
        `  ${name.padEnd(8)} ${String(m.tools).padStart(3)} tools  ${String(m.bytes).padStart(7)} bytes (${kb(m.bytes)} of ${kb(budget)})  ` +
          `~${m.tokensBytesDiv4} tokens (bytes/4), ~${m.tokensEstimate} tokens (estimate), ${icons}\n`,
      );
    }
  }
  const registry = Object.values(registries)[0] as ToolRegistry;
  const all = registry.list(SURFACES.all);
  const part = (t: Tool, k: Part) =>
    t[k] === undefined ? 0 : Buffer.byteLength(JSON.stringify(t[k]), "utf8");
  const sum = (k: Part) => all.reduce((n, t) => n + part(t, k), 0);
  process.stdout.write(`\nall over HTTP, by part: ${PARTS.map((k) => `${k} ${kb(sum(k))}`).join(", ")}\n`);
  const byToolset = new Map<string, number>();
  for (const t of all) {
    const set = registry.get(t.name)?.def.toolset ?? "?";
    byToolset.set(set, (byToolset.get(set) ?? 0) + Buffer.byteLength(JSON.stringify(t), "utf8"));
  }
  process.stdout.write("\nall over HTTP, by toolset:\n");
  for (const [set, bytes] of [...byToolset].sort((a, b) => b[1] - a[1])) {
    process.stdout.write(`  ${set.padEnd(18)} ${kb(bytes)}\n`);
  }
  process.stdout.write(`\nlargest ${top} tools:\n`);
  const sized = all.map((t) => ({ name: t.name, bytes: Buffer.byteLength(JSON.stringify(t), "utf8"), t }));
  for (const s of sized.sort((a, b) => b.bytes - a.bytes).slice(0, top)) {
    process.stdout.write(
      `  ${s.name.padEnd(36)} ${String(s.bytes).padStart(6)} bytes  (input ${part(s.t, "inputSchema")}, output ${part(s.t, "outputSchema")})\n`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main(process.argv.slice(2));
