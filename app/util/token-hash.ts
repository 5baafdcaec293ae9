import { createHash } from "node:crypto";

/**
 * The only form in which a token may appear in logs, caches and the sandbox's request log.
 * Full SHA-256 so two different tokens never share a cache entry.
 */
export function tokenHash(token: string): string {
  return `sha256:${createHash("sha256").update(token, "utf8").digest("hex")}`;
}
