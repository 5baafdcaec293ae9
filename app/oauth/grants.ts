import { createHash, randomUUID } from "node:crypto";
import { LRUCache } from "lru-cache";
import { open, type Sealed, seal } from "./envelope.js";
import type { KeyRing } from "./keys.js";

// The three envelopes that carry a grant. Each holds the PAT it was granted with, so nothing is
// stored; the PAT is only ever readable with the server's key.

export const ACCESS_TOKEN_SECONDS = 3_600;
export const REFRESH_TOKEN_SECONDS = 30 * 86_400;
export const CODE_SECONDS = 300;

export interface Grant {
  /** The DevRev PAT the person pasted on the consent page. */
  pat: string;
  /** client_id the grant was issued to. */
  cid: string;
  /** The resource (RFC 8707) the tokens are for: this server's /oauth/mcp URL. */
  aud: string;
  scope: string[];
  /** DevRev user id, for audit events only; identity is always re-checked from the PAT. */
  sub: string;
}

export interface AccessPayload extends Grant, Sealed {
  iat: number;
}
export interface RefreshPayload extends Grant, Sealed {
  jti: string;
  iat: number;
}
export interface CodePayload extends Grant, Sealed {
  jti: string;
  redirect_uri: string;
  code_challenge: string;
}

export interface IssuedTokens {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  refresh_token: string;
  scope: string;
}

/**
 * Codes are single-use and a refresh token is spent when used (rotation). Stateless tokens cannot
 * be marked used everywhere, so each instance remembers what it has seen until it would expire
 * anyway: a replay to the same instance is refused; across instances it is bounded by the expiry.
 */
export class SpentIds {
  private readonly seen = new LRUCache<string, true>({ max: 100_000, ttlAutopurge: false });
  /** Records `id` as spent; false when it already was. */
  spend(id: string, ttlSeconds: number): boolean {
    if (this.seen.has(id)) return false;
    this.seen.set(id, true, { ttl: Math.max(1, ttlSeconds) * 1000 });
    return true;
  }
  /** Un-spends an id whose use failed for a reason that was not the caller's (DevRev down). */
  forget(id: string): void {
    this.seen.delete(id);
  }
}

export function s256(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}

export async function issueCode(
  keys: KeyRing,
  grant: Grant,
  redirectUri: string,
  codeChallenge: string,
  now: number,
): Promise<string> {
  const payload: CodePayload = {
    ...grant,
    jti: randomUUID(),
    redirect_uri: redirectUri,
    code_challenge: codeChallenge,
    exp: now + CODE_SECONDS,
  };
  return seal(keys, "code", payload);
}

export async function issueTokens(keys: KeyRing, grant: Grant, now: number): Promise<IssuedTokens> {
  const access: AccessPayload = { ...grant, iat: now, exp: now + ACCESS_TOKEN_SECONDS };
  const refresh: RefreshPayload = { ...grant, jti: randomUUID(), iat: now, exp: now + REFRESH_TOKEN_SECONDS };
  return {
    access_token: await seal(keys, "access", access),
    token_type: "Bearer",
    expires_in: ACCESS_TOKEN_SECONDS,
    refresh_token: await seal(keys, "refresh", refresh),
    scope: grant.scope.join(" "),
  };
}

export const openCode = (keys: KeyRing, code: string, now: number) =>
  open<CodePayload>(keys, "code", code, now);
export const openRefresh = (keys: KeyRing, token: string, now: number) =>
  open<RefreshPayload>(keys, "refresh", token, now);
export const openAccess = (keys: KeyRing, token: string, now: number) =>
  open<AccessPayload>(keys, "access", token, now);

/** The fields of a grant, without the envelope's own (so a new envelope does not inherit them). */
export function grantOf(p: Grant): Grant {
  return { pat: p.pat, cid: p.cid, aud: p.aud, scope: p.scope, sub: p.sub };
}
