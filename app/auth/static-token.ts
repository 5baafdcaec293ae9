import { createHash, timingSafeEqual } from "node:crypto";
import type { Identity } from "../mcp/tool.js";
import { tokenHash } from "../util/token-hash.js";
import { parseBearer } from "./bearer.js";
import { missingCredentials } from "./failures.js";
import type { Authenticator } from "./types.js";

/** The identity of the server token's owner (see server-token-owner.ts); undefined when unknown. */
export type OwnerLookup = () => Promise<Identity | undefined>;

/**
 * Legacy shared-token mode: one MCP_AUTH_TOKEN for every caller, compared in constant time (over
 * digests, so length differences leak nothing either). DevRev calls use the server's own token,
 * and the caller is that token's owner.
 */
export function createStaticTokenAuthenticator(
  sharedToken: string,
  devrevToken: string,
  owner: OwnerLookup,
): Authenticator {
  const expected = createHash("sha256").update(sharedToken).digest();
  const devrevTokenHash = tokenHash(devrevToken);
  return {
    mode: "static-token",
    async authenticate(header) {
      const bearer = parseBearer(header);
      if (bearer.kind !== "token") return missingCredentials(bearer);
      const given = createHash("sha256").update(bearer.token).digest();
      if (!timingSafeEqual(given, expected)) {
        return {
          ok: false,
          status: 401,
          reason: "invalid_token",
          error: "invalid_token",
          message:
            "The bearer token is not this server's token. Ask the server operator for the MCP_AUTH_TOKEN value.",
          tokenHash: tokenHash(bearer.token),
        };
      }
      return { ok: true, identity: await owner(), devrevToken, tokenHash: devrevTokenHash, fresh: false };
    },
    invalidate() {},
  };
}

/** Local-only mode (loopback, enforced by config): no caller token, the server's DevRev token. */
export function createNoAuthAuthenticator(devrevToken: string, owner: OwnerLookup): Authenticator {
  const devrevTokenHash = tokenHash(devrevToken);
  return {
    mode: "none",
    async authenticate() {
      return { ok: true, identity: await owner(), devrevToken, tokenHash: devrevTokenHash, fresh: false };
    },
    invalidate() {},
  };
}
