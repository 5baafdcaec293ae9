import type { RequestHandler } from "express";
import { isLoopbackHost } from "../config/config.js";
import { JsonRpcCode, sendJsonRpcError } from "./json-rpc-error.js";

// DNS-rebinding protection (the MCP spec requires Origin validation): a browser page on another
// site must not reach this server through the user's browser, and a rebound DNS name must not
// reach a local server.

export interface OriginGuardOptions {
  bindHost: string;
  allowedHosts: readonly string[];
  allowedOrigins: readonly string[];
  hostCheck: boolean;
}

const LOCAL_NAMES = ["localhost", "127.0.0.1", "[::1]", "::1"];

export function originGuard(o: OriginGuardOptions): RequestHandler {
  const loopback = isLoopbackHost(o.bindHost);
  const allowedHosts = new Set(o.allowedHosts.length ? o.allowedHosts : loopback ? LOCAL_NAMES : []);
  const allowedOrigins = new Set(o.allowedOrigins);

  const hostAllowed = (host: string | undefined): boolean => {
    if (!o.hostCheck || allowedHosts.size === 0) return true;
    if (!host) return false;
    const h = host.toLowerCase();
    return allowedHosts.has(h) || allowedHosts.has(stripPort(h));
  };
  const originAllowed = (origin: string): boolean => {
    const v = origin.toLowerCase();
    if (allowedOrigins.has(v) || allowedOrigins.has("*")) return true;
    // A server bound to loopback trusts local tools such as the MCP Inspector.
    if (loopback && allowedOrigins.size === 0) {
      try {
        return LOCAL_NAMES.includes(new URL(v).hostname);
      } catch {
        return false;
      }
    }
    return false;
  };

  return (req, res, next) => {
    if (!hostAllowed(req.headers.host)) {
      sendJsonRpcError(
        res,
        403,
        JsonRpcCode.ServerError,
        `Host "${clip(req.headers.host)}" is not allowed (MCP_ALLOWED_HOSTS).`,
      );
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !originAllowed(origin)) {
      sendJsonRpcError(
        res,
        403,
        JsonRpcCode.ServerError,
        `Origin "${clip(origin)}" is not allowed (MCP_ALLOWED_ORIGINS).`,
      );
      return;
    }
    next();
  };
}

function stripPort(host: string): string {
  if (host.startsWith("[")) return host.slice(0, host.indexOf("]") + 1);
  const i = host.lastIndexOf(":");
  return i > 0 ? host.slice(0, i) : host;
}

function clip(v: string | undefined): string {
  return (v ?? "").replace(/[^\x20-\x7e]/g, "?").slice(0, 100);
}
