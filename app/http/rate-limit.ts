import type { Request, RequestHandler, Response } from "express";
import { ipKeyGenerator, MemoryStore, type Options, rateLimit } from "express-rate-limit";
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

export function identityRateLimit(perMinute: number): RequestHandler | undefined {
  if (perMinute <= 0) return undefined;
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: perMinute,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    identifier: "per-identity",
    keyGenerator: (req) => {
      const s = requestState(req);
      return s.identity?.userId
        ? `u:${s.identity.userId}`
        : `t:${s.tokenHash ?? ipKeyGenerator(req.ip ?? "")}`;
    },
    handler: onLimit("for your DevRev user on this server instance (MCP_RATE_LIMIT_RPM)"),
    validate: { trustProxy: false, xForwardedForHeader: false },
  });
}

export interface FailedAuthLimiter {
  /** Runs before authentication: refuses an address that already failed too often. */
  guard: RequestHandler;
  /** Counts one failed authentication for the request's address. */
  recordFailure(req: Request): void;
  shutdown(): void;
}

/**
 * Counts only failures, and only when they happen. (express-rate-limit's skipSuccessfulRequests
 * counts every request at its start and refunds successes at the end, so a burst of valid
 * concurrent requests from one office would be refused.) The counting store is the library's.
 */
export function failedAuthLimiter(perMinute: number): FailedAuthLimiter | undefined {
  if (perMinute <= 0) return undefined;
  const store = new MemoryStore();
  store.init({ windowMs: WINDOW_MS } as Options);
  const keyOf = (req: Request) => ipKeyGenerator(req.ip ?? "unknown");
  return {
    guard: (req, res, next) => {
      store
        .get(keyOf(req))
        .then((info) => {
          if (!info || info.totalHits < perMinute) return next();
          const resetS = Math.max(
            1,
            Math.ceil(((info.resetTime?.getTime() ?? Date.now() + WINDOW_MS) - Date.now()) / 1000),
          );
          res.setHeader("Retry-After", String(resetS));
          res.setHeader("RateLimit-Policy", `"failed-per-ip";q=${perMinute};w=${WINDOW_MS / 1000}`);
          res.setHeader("RateLimit", `"failed-per-ip";r=0;t=${resetS}`);
          onLimit("that failed authentication from your address")(req, res);
        })
        .catch(next);
    },
    recordFailure: (req) => {
      void store.increment(keyOf(req));
    },
    shutdown: () => store.shutdown(),
  };
}
