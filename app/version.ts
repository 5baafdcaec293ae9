import { createRequire } from "node:module";

// Resolves the same from app/ (tsx) and dist/ (bundle: esbuild inlines the JSON).
const pkg = createRequire(import.meta.url)("../package.json") as { name: string; version: string };

export const SERVER_NAME = pkg.name;
export const VERSION = pkg.version;
