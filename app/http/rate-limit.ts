import type { Request, RequestHandler, Response } from "express";
import { ipKeyGenerator, MemoryStore, rateLimit } from "express-rate-limit";
import { FailureBudget } from "../auth/failure-budget.js";
import type { ValidationGate } from "../auth/types.js";
import { JsonRpcCode, sendJsonRpcError } from "./json-rpc-error.js";
import { requestState } from "./request-state.js";

// Two limits, both per instance (Cloud Run instances do not share counters): one per caller
// identity for authenticated traffic, and a stricter one per client IP that counts only failed
// requests, so guessing tokens is throttled while a shared office IP is not.

const WINDOW_MS = 60_000;

function onLimit(what: string) {
  return (_req: Request, res: Response) => {
    const retry = res.getHeader("Retry-After");
    sendJsonRpcError(
      res,
      429,
      JsonRpcCode.ServerError,
      `Too many requests ${what}. Retry after ${retry ?? 60} s.`,
    );
  };
}

export interface IdentityRateLimit {
  /** Counts the request (one message) and refuses it past the limit. */
  handler: RequestHandler;
  /**
   * Counts `extra` more messages for this request's caller (the rest of a JSON-RPC batch) and
   * refuses the request with 429 if that goes over the limit. Runs after the body is parsed.
   */
  chargeExtra(req: Request, res: Response, extra: number): Promise<boolean>;
}

export function identityRateLimit(perMinute: number): IdentityRateLimit | undefined {
  if (perMinute <= 0) return undefined;
  const store = new MemoryStore();
  const keyOf = (req: Request) => {
    const s = requestState(req);
    // Without a known identity (the server token's owner could not be looked up), the address.
    const user = s.auth?.identity?.userId;
    return user ? `u:${user}` : `t:${ipKeyGenerator(req.ip ?? "")}`;
  };
  const what = "for your DevRev user on this server instance (MCP_RATE_LIMIT_RPM)";
  const handler = rateLimit({
    windowMs: WINDOW_MS,
    limit: perMinute,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    identifier: "per-identity",
    store,
    keyGenerator: keyOf,
    handler: onLimit(what),
    validate: { trustProxy: false, xForwardedForHeader: false },
  });
  return {
    handler,
    async chargeExtra(req, res, extra) {
      const key = keyOf(req);
      // The library's MemoryStore prefixes nothing: the same key reaches the same counter.
      let info: Awaited<ReturnType<MemoryStore["increment"]>> | undefined;
      for (let i = 0; i < extra; i++) info = await store.increment(key);
      if (!info || info.totalHits <= perMinute) return true;
      const resetS = Math.max(1, Math.ceil(((info.resetTime?.getTime() ?? Date.now()) - Date.now()) / 1000));
      res.setHeader("Retry-After", String(resetS));
      sendJsonRpcError(
        res,
        429,
        JsonRpcCode.ServerError,
        `Too many requests ${what}: every message of a JSON-RPC batch counts, and this batch of ${extra + 1} goes over ${perMinute} a minute. Retry after ${resetS} s.`,
      );
      return false;
    },
  };
}

export interface FailedAuthLimiter {
  /** The gate the authenticator asks before it checks an unknown token of this request upstream. */
  gateFor(req: Request): ValidationGate;
  /**
   * Refuses an address with no failures left: for endpoints whose failures cost no upstream call
   * but guess at something (the OAuth token and registration endpoints). Not in front of /mcp.
   */
  guard: RequestHandler;
  /** Counts a failure at such an endpoint against the address. */
  recordFailure(req: Request): void;
}

/**
 * Failed token checks per client address (and per instance), counted before the upstream check
 * (see FailureBudget). Only checks of tokens never seen to succeed are throttled: a valid PAT from
 * an office whose other users keep failing never meets this. What costs no upstream call (no
 * token, a token DevRev refused moments ago, a request joining a check under way) is answered
 * 401 and not counted: it neither guesses anything new nor loads DevRev.
 */
export function failedAuthLimiter(perMinute: number): FailedAuthLimiter | undefined {
  if (perMinute <= 0) return undefined;
  const budget = new FailureBudget({
    perAddress: perMinute,
    perInstance: perMinute * INSTANCE_FACTOR,
    windowMs: WINDOW_MS,
  });
  const keyOf = (req: Request) => ipKeyGenerator(req.ip ?? "unknown");
  return {
    gateFor: (req) => ({
      reserve() {
        const slot = budget.reserve(keyOf(req));
        if (slot.ok) return slot;
        const quota = slot.scope === "address" ? perMinute : perMinute * INSTANCE_FACTOR;
        return {
          ok: false,
          refusal: {
            ok: false,
            status: 429,
            reason: "too_many_failures",
            retryAfterSeconds: slot.retryAfterSeconds,
            message:
              slot.scope === "address"
                ? `Too many failed authentications from your address (${quota} a minute, MCP_RATE_LIMIT_UNAUTHENTICATED_RPM); this token was not checked. Retry after ${slot.retryAfterSeconds} s. Tokens that already worked on this server are not affected.`
                : `Too many failed authentications on this server instance (${quota} a minute); this token was not checked. Retry after ${slot.retryAfterSeconds} s. Tokens that already worked on this server are not affected.`,
          },
        };
      },
    }),
    guard: (req, res, next) => {
      const refused = budget.exhausted(keyOf(req));
      if (!refused || refused.ok) return next();
      res.setHeader("Retry-After", String(refused.retryAfterSeconds));
      onLimit("that failed authentication from your address")(req, res);
    },
    recordFailure: (req) => budget.record(keyOf(req)),
  };
}

/**
 * The instance-wide ceiling, as a multiple of the per-address limit. Whatever addresses requests
 * claim (a trusted proxy hop that is not really there lets a caller pick one per request), no
 * more than this many unknown tokens a minute are checked against DevRev by one instance.
 */
export const INSTANCE_FACTOR = 10;
