// vitest globalSetup: builds the normalised DevRev spec cache once, before any worker starts, so
// workers only read JSON instead of each parsing 1.8 MB of YAML.
import { ensureNormalizedSpec } from "./devrev-spec.js";

export default async function setup(): Promise<void> {
  try {
    await ensureNormalizedSpec();
  } catch (err) {
    // Tests that do not validate against the spec should still run; the ones that do will call
    // ensureNormalizedSpec() again and fail with this reason.
    console.warn(`global-setup: DevRev spec unavailable: ${(err as Error).message}`);
  }
}
