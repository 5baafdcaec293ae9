import { CompactEncrypt, CompactSign, compactDecrypt, compactVerify } from "jose";
import type { KeyRing } from "./keys.js";

// Everything this authorization server hands out is stateless: a JWE (dir + A256GCM, so it is
// both encrypted and authenticated) or, for records that hold nothing secret, a JWS (HS256). The
// protected header names the key (kid) and the kind (typ), so a refresh token can never be played
// as an access token, nor a consent form as an authorization code.

export type EnvelopeKind = "access" | "refresh" | "code" | "consent" | "approval";

const TYP: Record<EnvelopeKind, string> = {
  access: "devrev-mcp+at",
  refresh: "devrev-mcp+rt",
  code: "devrev-mcp+code",
  consent: "devrev-mcp+consent",
  approval: "devrev-mcp+approval",
};

/** Every envelope carries its expiry (seconds since the epoch). */
export interface Sealed {
  exp: number;
}

/** Tokens are far below this; anything larger is refused before any crypto runs. */
export const MAX_ENVELOPE_CHARS = 8_192;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export async function seal<T extends Sealed>(keys: KeyRing, kind: EnvelopeKind, payload: T): Promise<string> {
  return new CompactEncrypt(encoder.encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: "dir", enc: "A256GCM", kid: keys.current.kid, typ: TYP[kind] })
    .encrypt(keys.current.encryption);
}

/**
 * Opens an envelope of the given kind, or returns undefined when it is malformed, of another kind,
 * sealed with a key this server no longer holds, tampered with, or expired at `nowSeconds`.
 */
export async function open<T extends Sealed>(
  keys: KeyRing,
  kind: EnvelopeKind,
  token: string,
  nowSeconds: number,
): Promise<T | undefined> {
  if (typeof token !== "string" || token.length > MAX_ENVELOPE_CHARS || token.split(".").length !== 5) {
    return undefined;
  }
  try {
    const { plaintext, protectedHeader } = await compactDecrypt(
      token,
      (header) => {
        const key = keys.byKid(header.kid);
        if (!key) throw new Error("unknown key");
        return key.encryption;
      },
      { keyManagementAlgorithms: ["dir"], contentEncryptionAlgorithms: ["A256GCM"] },
    );
    if (protectedHeader.typ !== TYP[kind]) return undefined;
    const payload = JSON.parse(decoder.decode(plaintext)) as T;
    if (typeof payload?.exp !== "number" || payload.exp <= nowSeconds) return undefined;
    return payload;
  } catch {
    return undefined;
  }
}

const SIGNED_TYP = "devrev-mcp+client";

/** A signed (not encrypted) record: readable by anyone, forgeable by no one without the key. */
export async function sign(keys: KeyRing, payload: object): Promise<string> {
  return new CompactSign(encoder.encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: "HS256", kid: keys.current.kid, typ: SIGNED_TYP })
    .sign(keys.current.signing);
}

export async function verify<T>(keys: KeyRing, token: string): Promise<T | undefined> {
  if (typeof token !== "string" || token.length > MAX_ENVELOPE_CHARS || token.split(".").length !== 3) {
    return undefined;
  }
  try {
    const { payload, protectedHeader } = await compactVerify(
      token,
      (header) => {
        const key = keys.byKid(header.kid);
        if (!key) throw new Error("unknown key");
        return key.signing;
      },
      { algorithms: ["HS256"] },
    );
    if (protectedHeader.typ !== SIGNED_TYP) return undefined;
    return JSON.parse(decoder.decode(payload)) as T;
  } catch {
    return undefined;
  }
}
