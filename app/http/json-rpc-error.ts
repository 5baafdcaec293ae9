import type { Response } from "express";

// Every error the HTTP edge produces is a JSON-RPC error object: MCP clients parse these, and a
// person reading one learns what to do. Never HTML, never a stack trace.

export const JsonRpcCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
  /** The request ran past MCP_REQUEST_TIMEOUT_MS (the SDKs use this code for timeouts too). */
  RequestTimeout: -32001,
  /** Server-defined range: transport-level refusals (auth, limits, hygiene). */
  ServerError: -32000,
} as const;

export function sendJsonRpcError(
  res: Response,
  status: number,
  code: number,
  message: string,
  data?: Record<string, unknown>,
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res
    .status(status)
    .type("application/json")
    .send(JSON.stringify({ jsonrpc: "2.0", error: { code, message, ...(data ? { data } : {}) }, id: null }));
}
