import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { RequestHandler } from "express";
import type { Authenticator } from "../auth/types.js";
import type { DevRevClient } from "../devrev/client.js";
import type { DevRevError } from "../devrev/errors.js";
import { createMcpServer, type McpShared } from "../mcp/server.js";
import { narrow, type Surface } from "../mcp/surface.js";
import { REALM } from "./auth-middleware.js";
import { deferHeadUntilBody, type HeadOverride } from "./deferred-head.js";
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
    let upstreamAuthFailure: DevRevError | undefined;
    const server = createMcpServer(deps.shared, {
      devrev: deps.devrevFor(token),
      identity: state.identity,
      surface: narrow(narrow(deps.baseSurface, state.grantNarrowing ?? {}), narrowing.request),
      logger: state.logger,
      onUpstreamAuthFailure: (err) => {
        upstreamAuthFailure = err;
        if (state.tokenHash) deps.auth.invalidate(state.tokenHash);
      },
    });
    // A PAT revoked after it was validated: answer as the front door would have (401), not 200.
    deferHeadUntilBody(res, () => (upstreamAuthFailure ? revokedMidRequest(upstreamAuthFailure) : undefined));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on("close", () => {
      // A finished answer leaves nothing open: both become garbage with the request. Closing them
      // anyway cost a stack-captured "Connection closed" error per request. When the client went
      // away first, closing aborts the handlers still running (and their DevRev calls).
      if (res.writableFinished) return;
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

function revokedMidRequest(err: DevRevError): HeadOverride {
  return {
    status: 401,
    headers: {
      "WWW-Authenticate": `Bearer realm="${REALM}", error="invalid_token", error_description="${err.type === "token_revoked" || err.type === "token_expired" ? "token_revoked" : "invalid_token"}"`,
    },
    body: JSON.stringify({
      jsonrpc: "2.0",
      error: {
        code: JsonRpcCode.ServerError,
        message:
          "DevRev refused your personal access token during this request (revoked or expired). Create a new one in DevRev and update your MCP client.",
        data: { reason: "token_revoked" },
      },
      id: null,
    }),
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
