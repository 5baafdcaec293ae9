import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { RequestHandler } from "express";
import type { Authenticator } from "../auth/types.js";
import type { DevRevClient } from "../devrev/client.js";
import { createMcpServer, type McpShared } from "../mcp/server.js";
import { narrow, type Surface } from "../mcp/surface.js";
import { JsonRpcCode, sendJsonRpcError } from "./json-rpc-error.js";
import { parseNarrowing } from "./narrowing.js";
import { requestState } from "./request-state.js";

export interface McpRouteDeps {
  shared: McpShared;
  baseSurface: Surface;
  auth: Authenticator;
  /** A DevRev client for this caller's token; cheap, made per request. */
  devrevFor(token: string): DevRevClient;
}

/**
 * Stateless Streamable HTTP: a fresh transport and server per POST, both reading the registries
 * built at start, so any Cloud Run instance can answer any request.
 */
export function mcpPostHandler(deps: McpRouteDeps): RequestHandler {
  return async (req, res, next) => {
    const state = requestState(req);
    const narrowing = parseNarrowing(req);
    if (!narrowing.ok) {
      sendJsonRpcError(res, 400, JsonRpcCode.InvalidRequest, narrowing.message);
      return;
    }
    const body = req.body as unknown;
    if (
      body &&
      typeof body === "object" &&
      !Array.isArray(body) &&
      typeof (body as { method?: unknown }).method === "string"
    ) {
      state.mcpMethod = (body as { method: string }).method;
    }
    const token = state.devrevToken;
    if (!token) {
      next(new Error("authenticated request without a DevRev token"));
      return;
    }
    const server = createMcpServer(deps.shared, {
      devrev: deps.devrevFor(token),
      identity: state.identity,
      surface: narrow(deps.baseSurface, narrowing.request),
      logger: state.logger,
      onUpstreamAuthFailure: () => {
        if (state.tokenHash) deps.auth.invalidate(state.tokenHash);
      },
    });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on("close", () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(req, res, body);
    } catch (err) {
      next(err);
    }
  };
}

export const methodNotAllowed: RequestHandler = (_req, res) => {
  res.setHeader("Allow", "POST, OPTIONS");
  sendJsonRpcError(
    res,
    405,
    JsonRpcCode.ServerError,
    "Method not allowed: this server is stateless and answers MCP only on POST (no SSE stream, no sessions).",
  );
};
