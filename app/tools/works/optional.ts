import { DevRevError } from "../../devrev/errors.js";

/** Enrichment that must not sink the prompt: a DevRev failure becomes "unavailable". */
export async function optional<T>(load: () => Promise<T>): Promise<T | undefined> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof DevRevError && !err.isAuthFailure) return undefined;
    throw err;
  }
}
