#!/usr/bin/env node
// Bundles the server into dist/: one bundle starts in about half the time of node_modules
// resolution, and the runtime needs nothing but dist/ and package.json. That is why every library
// is a devDependency: `npm install devrev-mcp-server` and the image install nothing else.
import { chmodSync, rmSync } from "node:fs";
import { build } from "esbuild";

rmSync("dist", { recursive: true, force: true });
const started = Date.now();
const result = await build({
  entryPoints: { cli: "app/cli.ts" },
  outdir: "dist",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  splitting: true,
  sourcemap: "linked",
  legalComments: "linked",
  // A cold start is mostly V8 compiling the bundle: 3.4 MB of source took ~60 ms of a ~250 ms start.
  // Whitespace and syntax minification (2.6 MB) saved ~35 ms; identifiers are kept, so stack traces
  // still name functions (mangling them gained nothing more measurable).
  minifyWhitespace: true,
  minifySyntax: true,
  metafile: true,
  // CommonJS dependencies (express and friends) call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  logLevel: "warning",
});
chmodSync("dist/cli.js", 0o755);
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
console.error(`build: dist/ in ${Date.now() - started} ms, ${(bytes / 1024).toFixed(0)} KiB`);
