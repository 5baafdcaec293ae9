import type { Request, RequestHandler, Response } from "express";
import { JsonRpcCode, sendJsonRpcError } from "./json-rpc-error.js";

// JSON-RPC batches (one POST carrying an array of messages) exist in MCP protocol 2025-03-26
// only: 2025-06-18 removed them and later versions (2025-11-25, 2026-07-28) have none. A batch
// under any other version is refused with one clear error. Where one is accepted, every message
// in it counts against the caller's rate limit: before, five POSTs of 100 calls each ran 500 tool
// calls (and 500 DevRev calls) under MCP_RATE_LIMIT_RPM=5.

/** The protocol versions whose specification has JSON-RPC batches. */
export const BATCH_PROTOCOL_VERSIONS: ReadonlySet<string> = new Set(["2025-03-26"]);

/**
 * What a request without an MCP-Protocol-Version header speaks: the Streamable HTTP spec tells a
 * server to assume 2025-03-26 then (clients of later versions always send the header).
 */
export const ASSUMED_PROTOCOL_VERSION = "2025-03-26";

export type ChargeExtra = (req: Request, res: Response, extra: number) => Promise<boolean>;

export function batchPolicy(chargeExtra?: ChargeExtra): RequestHandler {
  return (req, res, next) => {
    const body: unknown = req.body;
    if (!Array.isArray(body)) return next();
    if (body.length === 0) {
      sendJsonRpcError(res, 400, JsonRpcCode.InvalidRequest, "Invalid Request: an empty JSON-RPC batch.");
      return;
    }
    const version = protocolVersionOf(req, body);
    if (!BATCH_PROTOCOL_VERSIONS.has(version)) {
      sendJsonRpcError(
        res,
        400,
        JsonRpcCode.InvalidRequest,
        `Invalid Request: JSON-RPC batches are not part of MCP protocol ${version.slice(0, 40)} (they were removed in 2025-06-18). Send one JSON-RPC message per HTTP request.`,
        { reason: "batch_not_supported", protocol_version: version.slice(0, 40) },
      );
      return;
    }
    if (!chargeExtra || body.length === 1) return next();
    chargeExtra(req, res, body.length - 1).then((ok) => {
      if (ok) next();
    }, next);
  };
}

/** The header's version; for a batch carrying an initialize, the version that initialize asks for. */
function protocolVersionOf(req: Request, batch: unknown[]): string {
  const header = req.headers["mcp-protocol-version"];
  if (typeof header === "string" && header.trim()) return header.trim();
  for (const m of batch) {
    const { method, params } = (m ?? {}) as { method?: unknown; params?: { protocolVersion?: unknown } };
    if (method === "initialize" && typeof params?.protocolVersion === "string") return params.protocolVersion;
  }
  return ASSUMED_PROTOCOL_VERSION;
}
