import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";

// Debian's chromium (installed by .ci/run) driven by playwright-core: never a downloaded browser.
// Screenshots land in test-artifacts/ (gitignored) so a person can look at every page state.

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export async function launchChromium(): Promise<Browser> {
  try {
    return await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  } catch (err) {
    throw new Error(
      `Chromium did not start from ${CHROMIUM}; install it with \`apt-get install -y --no-install-recommends chromium\` (bash .ci/run does). ${(err as Error).message}`,
    );
  }
}

export function artifactDir(name: string): string {
  const dir = join(process.cwd(), "test-artifacts", name);
  mkdirSync(dir, { recursive: true });
  return dir;
}
