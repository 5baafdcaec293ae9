import { createHash, hkdfSync } from "node:crypto";

// MCP_OAUTH_KEYS: comma-separated base64url keys of 32 random bytes, newest first. The first seals
// and signs; every key still opens, so a rotation leaves tokens sealed with the previous key valid
// until they expire (or until the operator drops that key, which revokes them all).

export interface OAuthKey {
  /** Public, stable name of the key: a hash prefix, so it says nothing about the key itself. */
  kid: string;
  /** AES-256-GCM key for the JWE envelopes (tokens, codes, consent state). */
  encryption: Uint8Array;
  /** HMAC-SHA-256 key for signed records (dynamically registered client ids, client secrets). */
  signing: Uint8Array;
}

export interface KeyRing {
  current: OAuthKey;
  byKid(kid: string | undefined): OAuthKey | undefined;
  all: readonly OAuthKey[];
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Parses MCP_OAUTH_KEYS; each problem names the key by position, never by value. */
export function parseOAuthKeys(
  raw: string,
): { ok: true; keys: Uint8Array[] } | { ok: false; problem: string } {
  const items = raw
    .split(",")
    .map((s) => s.trim().replace(/=+$/, ""))
    .filter(Boolean);
  if (items.length === 0) return { ok: false, problem: "is empty" };
  if (items.length > 10) return { ok: false, problem: "holds more than 10 keys; drop retired ones" };
  const keys: Uint8Array[] = [];
  for (const [i, item] of items.entries()) {
    const bytes = BASE64URL.test(item) ? Buffer.from(item, "base64url") : Buffer.alloc(0);
    if (bytes.length !== 32) {
      return {
        ok: false,
        problem: `key ${i + 1} is not 32 bytes of base64url; generate one with \`openssl rand 32 | basenc --base64url\``,
      };
    }
    keys.push(new Uint8Array(bytes));
  }
  return { ok: true, keys };
}

/** Separate keys per purpose (HKDF), so a signed record can never be mistaken for a sealed one. */
export function keyRing(masters: readonly Uint8Array[]): KeyRing {
  if (masters.length === 0) throw new Error("keyRing needs at least one key");
  const all = masters.map((master): OAuthKey => {
    const derive = (info: string) => new Uint8Array(hkdfSync("sha256", master, "devrev-mcp-oauth", info, 32));
    return {
      kid: createHash("sha256").update(master).digest("base64url").slice(0, 12),
      encryption: derive("jwe-a256gcm"),
      signing: derive("jws-hs256"),
    };
  });
  const index = new Map(all.map((k) => [k.kid, k]));
  return {
    current: all[0] as OAuthKey,
    byKid: (kid) => (kid ? index.get(kid) : undefined),
    all,
  };
}
