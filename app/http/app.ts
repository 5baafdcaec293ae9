import { isJsonContentType } from "@modelcontextprotocol/server";
import cors from "cors";
import express, { type ErrorRequestHandler, type RequestHandler } from "express";
import type { Authenticator } from "../auth/types.js";
import type { Config } from "../config/config.js";
import type { Auditor } from "../log/audit.js";
import type { Logger } from "../log/logger.js";
import { createOAuthServer, OAUTH_MCP_PATHS, type OAuthOptions } from "../oauth/index.js";
import { authMiddleware } from "./auth-middleware.js";
import { batchPolicy } from "./batch-policy.js";
import { type DevRevReachability, healthRoutes } from "./health.js";
import { iconRoutes } from "./icons.js";
import { JsonRpcCode, sendJsonRpcError } from "./json-rpc-error.js";
import { type McpRouteDeps, mcpPostHandler, methodNotAllowed } from "./mcp-route.js";
import { originGuard } from "./origin-guard.js";
import { failedAuthLimiter, identityRateLimit } from "./rate-limit.js";
import { requestContext } from "./request-context.js";
import { requestDeadline } from "./request-deadline.js";
import { requestState } from "./request-state.js";
import { securityHeaders } from "./security-headers.js";

export interface HttpAppDeps extends McpRouteDeps {
  config: Readonly<Config>;
  logger: Logger;
  auditor: Auditor;
  auth: Authenticator;
  reachability: DevRevReachability;
  version: string;
  isDraining: () => boolean;
  projectId?: string;
  /** Registers cleanup to run when the server stops. */
  onClose?: (cleanup: () => void) => void;
  /** The OAuth door on /oauth/mcp (devrev-pat mode with MCP_OAUTH_KEYS); absent = off. */
  oauth?: Omit<OAuthOptions, "auth" | "auditor" | "logger" | "recordFailure">;
}

export const MCP_PATHS = ["/mcp", "/mcp/readonly", "/mcp/x/:toolsets", "/mcp/x/:toolsets/readonly"];

/** The HTTP edge, in the order a request meets it. Everything but /health needs a token. */
export function createHttpApp(deps: HttpAppDeps): express.Express {
  const { config } = deps;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.http.trustProxyHops);
  app.set("etag", false);

  app.use(requestContext(deps.logger, deps.projectId));
  app.use(securityHeaders);
  app.use(healthRoutes(deps.version, deps.reachability, deps.isDraining));
  app.use(iconRoutes());
  app.use(refuseWhileDraining(deps.isDraining));
  const failures = failedAuthLimiter(config.rateLimit.unauthenticatedRpm);
  // The authorization server's pages and endpoints are reached by browsers on this server's own
  // origin (consent) and by clients from anywhere (metadata, token): they have their own checks
  // (CSRF, same-origin forms, PKCE), so they sit before the MCP Origin guard.
  const oauth = deps.oauth
    ? createOAuthServer({
        ...deps.oauth,
        auth: deps.auth,
        auditor: deps.auditor,
        logger: deps.logger,
        ...(failures ? { recordFailure: failures.recordFailure, failures } : {}),
      })
    : undefined;
  if (oauth) {
    if (failures) app.use(["/oauth/token", "/oauth/register"], failures.guard);
    app.use(oauth.routes);
  }
  app.use(
    originGuard({
      bindHost: config.host,
      allowedHosts: config.http.allowedHosts,
      allowedOrigins: [...config.http.allowedOrigins, ...config.http.corsAllowedOrigins],
      hostCheck: config.http.dnsRebindingProtection,
    }),
  );
  if (config.http.corsAllowedOrigins.length) {
    app.use(
      cors({
        origin: [...config.http.corsAllowedOrigins],
        methods: ["POST", "OPTIONS"],
        allowedHeaders: [
          "Authorization",
          "Content-Type",
          "Accept",
          "Mcp-Protocol-Version",
          "Mcp-Method",
          "Mcp-Name",
          "Mcp-Session-Id",
          "Last-Event-ID",
          "X-MCP-Toolsets",
          "X-MCP-Readonly",
        ],
        exposedHeaders: [
          "Mcp-Session-Id",
          "WWW-Authenticate",
          "Retry-After",
          "RateLimit",
          "RateLimit-Policy",
        ],
        maxAge: 600,
      }),
    );
  }

  const perIdentity = identityRateLimit(config.rateLimit.perIdentityRpm);
  const afterAuth = [
    perIdentity?.handler,
    requireJson,
    express.json({ limit: config.http.maxBodyBytes, type: () => true }),
    batchPolicy(perIdentity?.chargeExtra),
    requestDeadline(config.http.requestTimeoutMs),
  ];
  // No address guard before authentication: a token that already worked is never refused for
  // other callers' failures; the authenticator asks `failures` only before checking an unknown one.
  const guard = [authMiddleware(deps.auth, deps.auditor, failures), ...afterAuth].filter(
    (h): h is RequestHandler => h !== undefined,
  );

  app.post(MCP_PATHS, ...guard, mcpPostHandler(deps));
  app.all(MCP_PATHS, methodNotAllowed);
  if (oauth) {
    // The same MCP handling as /mcp; only how the caller's PAT arrives differs.
    const oauthGuard = [...oauth.doorGuards, ...afterAuth].filter(
      (h): h is RequestHandler => h !== undefined,
    );
    app.post(OAUTH_MCP_PATHS, ...oauthGuard, mcpPostHandler(deps));
    app.all(OAUTH_MCP_PATHS, methodNotAllowed);
  }
  app.use((_req, res) =>
    sendJsonRpcError(
      res,
      404,
      JsonRpcCode.ServerError,
      "Not found: the MCP endpoint is POST /mcp; health is GET /health.",
    ),
  );
  app.use(errorHandler);
  return app;
}

/**
 * After SIGTERM the listener stays open until the calls already running have finished, and every
 * new request gets this clean refusal instead of a refused or reset connection: a client can tell
 * "retry elsewhere" from "the server broke". Connection: close moves keep-alive clients off.
 */
function refuseWhileDraining(isDraining: () => boolean): RequestHandler {
  return (req, res, next) => {
    if (!isDraining()) return next();
    const refuse = () => {
      res.setHeader("Connection", "close");
      res.setHeader("Retry-After", "1");
      sendJsonRpcError(
        res,
        503,
        JsonRpcCode.ServerError,
        "This server instance is shutting down and takes no new requests. Retry: another instance will answer.",
        { reason: "shutting_down" },
      );
    };
    // Read the body first: closing a socket with unread request bytes makes the kernel send a
    // reset, which can reach the client before the answer does.
    if (req.readableEnded || (req.readableLength === 0 && req.complete)) return refuse();
    req.on("end", refuse);
    req.on("error", refuse);
    req.resume();
  };
}

const requireJson: RequestHandler = (req, res, next) => {
  // As req.is() decides (a body, of media type application/json with any parameters), through
  // the SDK's own media-type test, which skips the parsing for the usual exact header.
  const hasBody =
    req.headers["transfer-encoding"] !== undefined || !Number.isNaN(Number(req.headers["content-length"]));
  if (!hasBody || !isJsonContentType(req.headers["content-type"] ?? null)) {
    sendJsonRpcError(
      res,
      415,
      JsonRpcCode.InvalidRequest,
      "Unsupported Content-Type: send the JSON-RPC message as application/json.",
    );
    return;
  }
  next();
};

interface HttpError extends Error {
  status?: number;
  type?: string;
}

const errorHandler: ErrorRequestHandler = (err: HttpError, req, res, _next) => {
  if (err.type === "entity.too.large" || err.status === 413) {
    sendJsonRpcError(res, 413, JsonRpcCode.InvalidRequest, "Request body too large (MCP_MAX_BODY_BYTES).");
    return;
  }
  if (err.type === "entity.parse.failed") {
    sendJsonRpcError(res, 400, JsonRpcCode.ParseError, "Parse error: the body is not valid JSON.");
    return;
  }
  if (err.status && err.status >= 400 && err.status < 500) {
    sendJsonRpcError(res, err.status, JsonRpcCode.InvalidRequest, "Bad request.");
    return;
  }
  try {
    requestState(req).logger.error("unhandled request error", { error: err, stack: err.stack });
  } catch {
    // No state means the failure came before requestContext; nothing else to log with.
  }
  sendJsonRpcError(
    res,
    500,
    JsonRpcCode.InternalError,
    "Internal server error. It has been logged; retry, and report it if it persists.",
  );
};
