#!/usr/bin/env node
// Generates TypeScript types for DevRev's REST API from its OpenAPI specs (install/build time only).
// The output is git-ignored and type-only, so the production bundle never needs the spec.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot, specPath } from "./devrev-spec-source.mjs";

const outDir = join(repoRoot, "app", "devrev", "generated");

async function main() {
  // npm also runs prepare on `npm pack` and `npm publish`. Packing needs no types (the bundle
  // imports them with `import type` only, which esbuild erases), so a package or image build never
  // needs DevRev's spec or network access to DevRev.
  if (process.env.npm_command === "pack" || process.env.npm_command === "publish") {
    console.error(`generate-devrev-types: not needed to ${process.env.npm_command}; skipping.`);
    return;
  }
  let openapiTS;
  let astToString;
  try {
    ({ default: openapiTS, astToString } = await import("openapi-typescript"));
  } catch {
    // Production installs (--omit=dev) have no generator and need no types.
    console.error("generate-devrev-types: openapi-typescript not installed; skipping (production install).");
    return;
  }
  mkdirSync(outDir, { recursive: true });
  for (const flavour of ["public", "beta"]) {
    const started = Date.now();
    const path = await specPath(flavour);
    const ast = await openapiTS(new URL(`file://${path}`), { alphabetize: false, immutable: false });
    const banner = `// Generated from ${flavour} DevRev OpenAPI spec by scripts/generate-devrev-types.mjs. Do not edit or commit.\n`;
    writeFileSync(join(outDir, `${flavour}.d.ts`), banner + astToString(ast));
    console.error(`generate-devrev-types: ${flavour} types in ${Date.now() - started} ms`);
  }
}

main().catch((err) => {
  console.error(`generate-devrev-types: ${err.message}`);
  process.exit(1);
});
