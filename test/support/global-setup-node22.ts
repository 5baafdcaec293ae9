import { execFileSync } from "node:child_process";
import { NODE22_RUNTIME_DIR, node22Installed } from "./node22.js";

// The conformance suite needs Node 22; install it from its own lockfile on first use so
// `npm test` works on a fresh clone without a separate step.
export default function setup(): void {
  if (node22Installed()) return;
  execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: NODE22_RUNTIME_DIR,
    stdio: "inherit",
  });
}
