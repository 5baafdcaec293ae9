import type { Identity } from "../mcp/tool.js";

export type AuthFailureReason =
  | "missing_token"
  | "wrong_scheme"
  | "empty_token"
  | "invalid_token"
  | "token_revoked"
  | "domain_not_allowed"
  | "upstream_unavailable";

export type AuthOutcome =
  | {
      ok: true;
      identity: Identity | undefined;
      /** The token every DevRev call of this request uses: the caller's PAT, or the server's own. */
      devrevToken: string;
      /** True when this request caused an upstream validation (not served from cache). */
      fresh: boolean;
    }
  | {
      ok: false;
      status: 401 | 403 | 503;
      reason: AuthFailureReason;
      /** Safe to show the caller: never contains the token. */
      message: string;
      /** RFC 6750 error code, set when the caller presented a token. */
      error?: "invalid_token" | "insufficient_scope";
      retryAfterSeconds?: number;
      tokenHash?: string;
      identity?: Identity;
    };

export interface Authenticator {
  readonly mode: string;
  authenticate(authorization: string | undefined): Promise<AuthOutcome>;
  /** Forget a token, e.g. when DevRev refused it in the middle of a request. */
  invalidate(tokenHash: string): void;
}
