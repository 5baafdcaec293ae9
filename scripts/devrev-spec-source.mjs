// Locates DevRev's OpenAPI specs. They are data, never committed: read from DEVREV_OPENAPI_DIR,
// then from the workplace's shared folder beside the repository, else downloaded from DevRev.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const cacheDir = join(repoRoot, ".cache", "devrev-openapi");

const downloads = {
  public: process.env.DEVREV_OPENAPI_PUBLIC_URL ?? "https://api.devrev.ai/openapi.yaml",
  beta: process.env.DEVREV_OPENAPI_BETA_URL ?? "https://api.devrev.ai/beta-openapi.yaml",
};

function candidates(flavour) {
  const file = `openapi-${flavour}.yaml`;
  const dirs = [process.env.DEVREV_OPENAPI_DIR, join(repoRoot, "..", "shared", "devrev-openapi"), cacheDir];
  return dirs.filter(Boolean).map((d) => join(d, file));
}

/** Returns the path of the spec file for `public` or `beta`, downloading it when no copy exists. */
export async function specPath(flavour) {
  const found = candidates(flavour).find((p) => existsSync(p));
  if (found) return found;
  const url = downloads[flavour];
  const res = await fetch(url, { signal: AbortSignal.timeout(60_000) }).catch((err) => {
    throw new Error(`cannot download the DevRev ${flavour} spec from ${url}: ${err.message}`);
  });
  if (!res.ok) throw new Error(`cannot download the DevRev ${flavour} spec from ${url}: HTTP ${res.status}`);
  const target = join(cacheDir, `openapi-${flavour}.yaml`);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, await res.text());
  return target;
}

export function readSpecText(path) {
  return readFileSync(path, "utf8");
}
