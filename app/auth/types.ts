import type { Identity } from "../mcp/tool.js";

export type AuthFailureReason =
  | "missing_token"
  | "wrong_scheme"
  | "empty_token"
  | "invalid_token"
  | "token_too_long"
  | "token_revoked"
  | "domain_not_allowed"
  | "org_not_allowed"
  | "too_many_failures"
  | "upstream_unavailable";

export type AuthFailure = {
  ok: false;
  status: 401 | 403 | 429 | 503;
  reason: AuthFailureReason;
  /** Safe to show the caller: never contains the token. */
  message: string;
  /** RFC 6750 error code, set when the caller presented a token. */
  error?: "invalid_token" | "insufficient_scope";
  retryAfterSeconds?: number;
  /** Set when the caller presented a token: what the audit line names it by. */
  tokenHash?: string;
  identity?: Identity;
};

/** A caller the authenticator let in: derived once per request, then only read. */
export interface Authenticated {
  ok: true;
  identity: Identity | undefined;
  /** The token every DevRev call of this request uses: the caller's PAT, or the server's own. */
  devrevToken: string;
  /** The hash of `devrevToken`, computed once: logs, caches and rate-limit keys use it. */
  tokenHash: string;
  /** True when this request caused an upstream validation (not served from cache). */
  fresh: boolean;
}

export type AuthOutcome = Authenticated | AuthFailure;

/**
 * Asked by an authenticator right before it checks, upstream, a token it has never seen succeed.
 * Tokens it already knows to be good never reach the gate, so other callers' failures from the
 * same address cannot lock them out.
 */
export interface ValidationGate {
  /** A slot to spend on the check (refunded if the token is good), or the refusal to answer with. */
  reserve(): { ok: true; refund(): void } | { ok: false; refusal: AuthFailure };
}

export interface Authenticator {
  readonly mode: string;
  authenticate(authorization: string | undefined, gate?: ValidationGate): Promise<AuthOutcome>;
  /** Forget a token, e.g. when DevRev refused it in the middle of a request. */
  invalidate(tokenHash: string): void;
}
