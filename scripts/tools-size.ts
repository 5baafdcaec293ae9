// Prints how big tools/list is for the default surface and for `all`: bytes of the tools array as
// served, and approximate tokens, with the largest tools and where the bytes go.
//   npx tsx scripts/tools-size.ts [--top N]
import type { Tool } from "@modelcontextprotocol/server";
import { ToolRegistry } from "../app/mcp/registry.js";
import type { Surface } from "../app/mcp/surface.js";
import { TOOLS } from "../app/tools/catalog.js";

const SURFACES: Record<string, Surface> = {
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
  const json = JSON.stringify(tools);
  const bytes = Buffer.byteLength(json, "utf8");
  return {
    tools: tools.length,
    bytes,
    tokensBytesDiv4: Math.ceil(bytes / 4),
    tokensEstimate: estimateTokens(json),
  };
}

function main(argv: readonly string[]): void {
  const topArg = argv.indexOf("--top");
  const top = topArg >= 0 ? Number(argv[topArg + 1] ?? 10) : 10;
  const registry = new ToolRegistry(TOOLS);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  for (const [name, surface] of Object.entries(SURFACES)) {
    const tools = registry.list(surface);
    const m = measure(tools);
    process.stdout.write(
      `${name.padEnd(8)} ${String(m.tools).padStart(3)} tools  ${String(m.bytes).padStart(7)} bytes (${kb(m.bytes)})  ` +
        `~${m.tokensBytesDiv4} tokens (bytes/4), ~${m.tokensEstimate} tokens (estimate)\n`,
    );
  }
  const all = registry.list(SURFACES.all as Surface);
  const part = (t: Tool, k: "description" | "inputSchema" | "outputSchema") =>
    t[k] === undefined ? 0 : Buffer.byteLength(JSON.stringify(t[k]), "utf8");
  const sum = (k: "description" | "inputSchema" | "outputSchema") => all.reduce((n, t) => n + part(t, k), 0);
  process.stdout.write(
    `\nall, by part: descriptions ${kb(sum("description"))}, input schemas ${kb(sum("inputSchema"))}, ` +
      `output schemas ${kb(sum("outputSchema"))}\n`,
  );
  const byToolset = new Map<string, number>();
  for (const t of all) {
    const set = registry.get(t.name)?.def.toolset ?? "?";
    byToolset.set(set, (byToolset.get(set) ?? 0) + Buffer.byteLength(JSON.stringify(t), "utf8"));
  }
  process.stdout.write("\nall, by toolset:\n");
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

main(process.argv.slice(2));
