import type { RequestHandler } from "express";
import type { Authenticator } from "../auth/types.js";
import type { Auditor } from "../log/audit.js";
import { JsonRpcCode, sendJsonRpcError } from "./json-rpc-error.js";
import type { FailedAuthLimiter } from "./rate-limit.js";
import { requestState } from "./request-state.js";

export const REALM = "devrev-mcp";

/** How a door other than /mcp presents its caller's PAT (the OAuth door unwraps it from a token). */
export interface CredentialSource {
  credentials(req: Parameters<RequestHandler>[0]): string | undefined;
  /** Extra WWW-Authenticate parameters (the OAuth door's resource_metadata). */
  challengeParams?: () => string[];
}

/** Sets the caller's identity and DevRev token on the request, or answers 401/403/503 (RFC 6750). */
export function authMiddleware(
  auth: Authenticator,
  auditor: Auditor,
  failures?: FailedAuthLimiter,
  source?: CredentialSource,
): RequestHandler {
  return async (req, res, next) => {
    const state = requestState(req);
    let outcome: Awaited<ReturnType<Authenticator["authenticate"]>>;
    try {
      outcome = await auth.authenticate(
        source ? source.credentials(req) : req.headers.authorization,
        failures?.gateFor(req),
      );
    } catch (err) {
      next(err);
      return;
    }
    // Only audit events need these; most requests hit the identity cache and record nothing, so
    // resolving the client address (proxy-aware) is left until an event is written.
    const who = () => ({
      client_ip: req.ip,
      user_agent: req.headers["user-agent"]?.slice(0, 200),
      auth_mode: auth.mode,
    });
    if (outcome.ok) {
      state.auth = outcome;
      if (outcome.fresh) {
        auditor.record(
          {
            event: "auth.success",
            outcome: "success",
            ...who(),
            user_id: outcome.identity?.userId,
            email: outcome.identity?.email,
            token_hash: outcome.tokenHash,
          },
          state.logger,
        );
      }
      next();
      return;
    }
    auditor.record(
      {
        event: "auth.failure",
        outcome: outcome.status === 503 ? "error" : "denied",
        reason: outcome.reason,
        ...who(),
        user_id: outcome.identity?.userId,
        email: outcome.identity?.email,
        token_hash: outcome.tokenHash,
      },
      state.logger,
    );
    const challenge = [`Bearer realm="${REALM}"`];
    if (outcome.error) challenge.push(`error="${outcome.error}"`, `error_description="${outcome.reason}"`);
    if (source?.challengeParams) challenge.push(...source.challengeParams());
    if (outcome.status === 401 || outcome.status === 403)
      res.setHeader("WWW-Authenticate", challenge.join(", "));
    if (outcome.retryAfterSeconds !== undefined)
      res.setHeader("Retry-After", String(outcome.retryAfterSeconds));
    sendJsonRpcError(res, outcome.status, JsonRpcCode.ServerError, outcome.message, {
      reason: outcome.reason,
    });
  };
}
