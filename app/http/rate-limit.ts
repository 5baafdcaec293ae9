import type { Request, RequestHandler, Response } from "express";
import { ipKeyGenerator, rateLimit } from "express-rate-limit";
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
      return s.identity?.userId ? `u:${s.identity.userId}` : `t:${s.tokenHash ?? ipKeyGenerator(req.ip ?? "")}`;
    },
    handler: onLimit("for your DevRev user on this server instance (MCP_RATE_LIMIT_RPM)"),
    validate: { trustProxy: false, xForwardedForHeader: false },
  });
}

export function failedRequestRateLimit(perMinute: number): RequestHandler | undefined {
  if (perMinute <= 0) return undefined;
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: perMinute,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    identifier: "failed-per-ip",
    skipSuccessfulRequests: true,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? "unknown"),
    handler: onLimit("that failed authentication from your address"),
    validate: { trustProxy: false, xForwardedForHeader: false },
  });
}
