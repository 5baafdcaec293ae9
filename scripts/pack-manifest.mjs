#!/usr/bin/env node
// prepack/postpack helper: the package.json inside the published tarball keeps only the scripts
// that work there. Every other script (build, test, prepare, …) needs files the package does not
// ship (scripts/, app/, test/), so a consumer would find them dangling; prepare would even run on
// `npm install <tarball or folder>`. `strip` keeps a copy and rewrites package.json before npm
// packs it; `restore` (postpack) puts the copy back. A leftover copy from an interrupted pack is
// restored before anything else, so the working tree never keeps the stripped manifest.
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const manifest = join(root, "package.json");
const backup = join(root, ".cache", "package.json.prepack");

/** Scripts that only need what the package ships (dist/ and package.json). */
export const SHIPPED_SCRIPTS = ["start"];

function restore() {
  if (existsSync(backup)) renameSync(backup, manifest);
}

function strip() {
  restore();
  const text = readFileSync(manifest, "utf8");
  const pkg = JSON.parse(text);
  mkdirSync(dirname(backup), { recursive: true });
  copyFileSync(manifest, backup);
  pkg.scripts = Object.fromEntries(
    Object.entries(pkg.scripts ?? {}).filter(([name]) => SHIPPED_SCRIPTS.includes(name)),
  );
  writeFileSync(manifest, `${JSON.stringify(pkg, null, 2)}\n`);
}

const command = process.argv[2];
if (command === "strip") strip();
else if (command === "restore") restore();
else {
  console.error("usage: node scripts/pack-manifest.mjs strip|restore");
  process.exit(2);
}
