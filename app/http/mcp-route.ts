import { type AuthInfo, classifyInboundRequest, createMcpHandler } from "@modelcontextprotocol/server";
import type { Request as ExpressRequest, RequestHandler } from "express";
import type { Authenticator } from "../auth/types.js";
import type { DevRevClient } from "../devrev/client.js";
import type { DevRevError } from "../devrev/errors.js";
import type { Logger } from "../log/logger.js";
import { createMcpServer, type McpShared } from "../mcp/server.js";
import { narrow, type Surface } from "../mcp/surface.js";
import type { Caller } from "../mcp/tool.js";
import { REALM } from "./auth-middleware.js";
import { JsonRpcCode, sendJsonRpcError } from "./json-rpc-error.js";
import { serveLegacyPost } from "./legacy-exchange.js";
import { parseNarrowing } from "./narrowing.js";
import { requestState } from "./request-state.js";
import { type HeadOverride, writeWebResponse } from "./web-response.js";

export interface McpRouteDeps {
  shared: McpShared;
  baseSurface: Surface;
  auth: Authenticator;
  logger: Logger;
  /** A DevRev client for this caller's token; cheap, made per request. Its calls stop with `signal`. */
  devrevFor(token: string, signal?: AbortSignal): DevRevClient;
  /** Registers cleanup to run when the server stops. */
  onClose?: (cleanup: () => void) => void;
}

const CALLER = "devrev-mcp/caller";

/**
 * Stateless Streamable HTTP: a fresh Server per request, reading the registries built at start,
 * so any Cloud Run instance can answer any request. 2026-07-28 requests (each carrying its version
 * and capabilities in `_meta`, `server/discover` included) go through the v2 SDK's
 * `createMcpHandler`; 2025-era requests (a stateless `initialize` and calls), classified by the
 * SDK's own rule, are served by legacy-exchange.ts, which answers as the SDK's fallback does
 * without converting to web Request/Response and back.
 */
export function mcpPostHandler(deps: McpRouteDeps): RequestHandler {
  const handler = createMcpHandler(
    // The caller was derived by the front door; it rides the pass-through authInfo.
    ({ authInfo }) => createMcpServer(deps.shared, authInfo?.extra?.[CALLER] as Caller),
    {
      onerror: (err) => deps.logger.debug("mcp handler", { error: err.message }),
    },
  );
  deps.onClose?.(() => void handler.close());

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
    const { auth } = state;
    if (!auth) {
      next(new Error("MCP request reached its handler without authentication"));
      return;
    }
    let upstreamAuthFailure: DevRevError | undefined;
    const caller: Caller = {
      devrev: deps.devrevFor(auth.devrevToken, state.signal),
      identity: auth.identity,
      tokenHash: auth.tokenHash,
      surface: narrow(narrow(deps.baseSurface, state.grantNarrowing ?? {}), narrowing.request),
      logger: state.logger,
      onUpstreamAuthFailure: (err) => {
        upstreamAuthFailure = err;
        deps.auth.invalidate(auth.tokenHash);
      },
    };
    // The SDK's AuthInfo wants a token: the hash stands in, so no PAT reaches the SDK's objects.
    const authInfo: AuthInfo = {
      token: auth.tokenHash,
      clientId: auth.identity?.userId ?? "",
      scopes: [],
      extra: { [CALLER]: caller },
    };
    const override = () => (upstreamAuthFailure ? revokedMidRequest(upstreamAuthFailure) : undefined);
    if (isLegacy(req, body)) {
      // The common case (every 2025-era client): served without the web Request/Response detour.
      await serveLegacyPost(req, res, body, createMcpServer(deps.shared, caller), {
        authInfo,
        override,
        onerror: (err) => deps.logger.debug("mcp legacy exchange", { error: err.message }),
      });
      return;
    }
    // The client leaving (or the request deadline answering first) aborts the exchange, and with
    // it the handlers still running and their DevRev calls.
    const abort = new AbortController();
    let written = false;
    res.on("close", () => {
      if (!written) abort.abort();
    });
    try {
      const response = await handler.fetch(webRequestOf(req, abort.signal), {
        authInfo,
        parsedBody: body,
      });
      await writeWebResponse(res, response, override);
      written = true;
    } catch (err) {
      written = true;
      if (abort.signal.aborted || res.headersSent) {
        if (!res.writableEnded) res.end();
        return;
      }
      next(err);
    }
  };
}

/**
 * Whether createMcpHandler would serve this POST on its legacy (2025-era) leg: the SDK's own
 * classification, given the headers it reads and the parsed body.
 */
function isLegacy(req: ExpressRequest, body: unknown): boolean {
  const header = (name: string) => req.headers[name]?.toString();
  return (
    classifyInboundRequest({
      httpMethod: "POST",
      protocolVersionHeader: header("mcp-protocol-version"),
      mcpMethodHeader: header("mcp-method"),
      mcpNameHeader: header("mcp-name"),
      body,
    }).kind === "legacy"
  );
}

/**
 * The request as the SDK reads it: method, URL, headers and the abort signal. express.json has
 * already parsed the body, which goes to the SDK as `parsedBody` (then it never reads a body), so
 * none is attached: re-serialising it would cost time and, for a deeply nested one, the stack.
 */
function webRequestOf(req: ExpressRequest, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(":")) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  return new Request(`http://${req.headers.host ?? "localhost"}${req.originalUrl}`, {
    method: req.method,
    headers,
    signal,
  });
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
