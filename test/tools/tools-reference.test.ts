import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { TOOLS } from "../../app/tools/catalog.js";

// docs/tools.md is generated from the registry; this runs the generator in check mode so `npm test`
// fails the moment a tool changes without the reference being regenerated (`npm run docs:tools`).

const run = promisify(execFile);
const SCRIPT = join(import.meta.dirname, "..", "..", "scripts", "tools-reference.ts");
const DOC = join(import.meta.dirname, "..", "..", "docs", "tools.md");

async function check(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", SCRIPT, "--check", ...args]);
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, out: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

describe("tools reference", () => {
  it("docs/tools.md matches the registry (run `npm run docs:tools` if this fails)", async () => {
    const { code, out } = await check();
    expect(out).toMatch(/is up to date/);
    expect(code).toBe(0);
  });

  it("names every tool with its toolset, flags and inputs", () => {
    const doc = readFileSync(DOC, "utf8");
    for (const t of TOOLS) expect(doc).toContain(`### \`${t.name}\` — ${t.title}`);
    expect(doc).toMatch(/### `devrev_articles_delete` — Delete an article\n\nwrites · \*\*destructive\*\*/);
    expect(doc).toContain("| `id` | string | yes |  |");
    expect(doc).toContain("| `limit` | integer |  | Default 25, max 100 |");
  });

  it("fails check mode on a stale file", async () => {
    const stale = join(mkdtempSync(join(tmpdir(), "tools-ref-")), "tools.md");
    writeFileSync(stale, `${readFileSync(DOC, "utf8")}\nedited by hand\n`);
    const { code, out } = await check("--file", stale);
    expect(code).toBe(1);
    expect(out).toMatch(/is stale: run `npm run docs:tools`/);
  });
});
