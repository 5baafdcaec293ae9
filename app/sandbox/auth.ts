// Bearer PATs. Three fixed tokens map to seeded dev users by email, so they survive a reset.
import { type ApiError, tokenRevoked, unauthenticated } from "./errors.js";
import type { DevUserRec } from "./records.js";
import type { Store } from "./store.js";

export const SANDBOX_PATS: Readonly<Record<string, string>> = {
  "sandbox-alice": "alice@acme.test",
  "sandbox-bob": "bob@acme.test",
  "sandbox-eve": "eve@other.test",
};

/** The bearer token of an Authorization header, or null when there is none. */
export function bearerToken(header: string | undefined): string | null {
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m?.[1] ?? null;
}

export function authenticate(
  header: string | undefined,
  store: Store,
  revoked: ReadonlySet<string>,
): DevUserRec | ApiError {
  if (!header) return unauthenticated("missing Authorization header");
  const token = bearerToken(header);
  if (!token) return unauthenticated("expected 'Authorization: Bearer <PAT>'");
  if (revoked.has(token)) return tokenRevoked();
  const email = SANDBOX_PATS[token];
  const user = email ? store.devUsers.all().find((u) => u.email === email) : undefined;
  if (user?.state !== "active") return unauthenticated("invalid token");
  return user;
}
