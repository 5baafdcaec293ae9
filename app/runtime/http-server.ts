import { randomBytes } from "node:crypto";
import { once } from "node:events";
import type { Server, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { createDevRevPatAuthenticator } from "../auth/devrev-pat.js";
import { serverTokenOwner } from "../auth/server-token-owner.js";
import { createNoAuthAuthenticator, createStaticTokenAuthenticator } from "../auth/static-token.js";
import type { Authenticator } from "../auth/types.js";
import { type Config, isLoopbackHost } from "../config/config.js";
import { createDevRevClient } from "../devrev/client.js";
import type { RequestLimits } from "../devrev/request-budget.js";
import { createHttpApp } from "../http/app.js";
import { DevRevReachability } from "../http/health.js";
import { createAuditor } from "../log/audit.js";
import type { Logger } from "../log/logger.js";
import { buildMcpShared } from "../mcp/build-shared.js";
import type { ClientMetadataFetchOptions } from "../oauth/client-metadata.js";
import { keyRing, parseOAuthKeys } from "../oauth/keys.js";
import { SERVER_NAME, VERSION } from "../version.js";
import { surfaceFromConfig } from "./surface-from-config.js";

export interface RunningHttpServer {
  url: string;
  port: number;
  server: Server;
  /** Stops accepting, lets in-flight requests finish (bounded by the grace period), then closes. */
  shutdown(): Promise<{ drained: boolean; inFlightAtDeadline: number }>;
}

const USER_AGENT = `${SERVER_NAME}/${VERSION}`;

function buildAuthenticator(config: Readonly<Config>, reachability: DevRevReachability): Authenticator {
  const serverToken = config.devrev.token ?? "";
  const owner = () =>
    serverTokenOwner({
      baseUrl: config.devrev.baseUrl,
      token: serverToken,
      userAgent: USER_AGENT,
      ttlMs: config.auth.cacheTtlSeconds * 1000,
    });
  switch (config.auth.mode) {
    case "static-token":
      return createStaticTokenAuthenticator(config.auth.staticToken ?? "", serverToken, owner());
    case "none":
      return createNoAuthAuthenticator(serverToken, owner());
    case "devrev-pat":
      return createDevRevPatAuthenticator({
        baseUrl: config.devrev.baseUrl,
        allowedDomains: config.auth.allowedDomains,
        allowedOrgs: config.auth.allowedOrgs,
        ttlSeconds: config.auth.cacheTtlSeconds,
        negativeTtlSeconds: config.auth.negativeCacheTtlSeconds,
        maxEntries: config.auth.cacheMaxEntries,
        userAgent: USER_AGENT,
        onValidated: (reachable) => reachability.record(reachable),
      });
  }
}

export interface HttpServerOptions {
  /** The clock tools compare DevRev dates with; tests pin it to the sandbox's (test/support/clock.ts). */
  now?: () => Date;
  /** Only code (tests) can loosen how client metadata documents are fetched; no env var reaches it. */
  clientMetadataFetch?: Partial<ClientMetadataFetchOptions>;
  /** Tests narrow the per-request DevRev budget to reach it with small inputs (request-budget.ts). */
  requestLimits?: Partial<RequestLimits>;
}

/** The OAuth door's keys: MCP_OAUTH_KEYS, or in the sandbox a throwaway key for this run. */
function oauthKeys(config: Readonly<Config>, logger: Logger): Uint8Array[] | undefined {
  if (config.auth.mode !== "devrev-pat") return undefined;
  if (config.oauth.keys.length > 0) {
    const parsed = parseOAuthKeys(config.oauth.keys.join(","));
    return parsed.ok ? parsed.keys : undefined;
  }
  if (!config.sandbox.enabled) return undefined;
  logger.info("OAuth door on /oauth/mcp with a throwaway key (sandbox): its tokens end with this process");
  return [new Uint8Array(randomBytes(32))];
}

export async function startHttpServer(
  config: Readonly<Config>,
  logger: Logger,
  options: HttpServerOptions = {},
): Promise<RunningHttpServer> {
  const auditor = createAuditor(logger, config.auditLog);
  const reachability = new DevRevReachability();
  const auth = buildAuthenticator(config, reachability);
  let draining = false;
  let inFlight = 0;
  const cleanups: Array<() => void> = [];
  const keys = oauthKeys(config, logger);
  let listeningPort = config.port;
  const hostForUrl = config.host.includes(":") ? `[${config.host}]` : config.host;
  const localBase = () => `http://${hostForUrl === "0.0.0.0" ? "127.0.0.1" : hostForUrl}:${listeningPort}`;
  const surface = surfaceFromConfig(config);
  // Icons need the URL clients reach this server by: MCP_PUBLIC_URL, or on loopback the address
  // it listens on (the same rule as the OAuth issuer); a server on 0.0.0.0 without one lists none.
  const publicBase = () => config.oauth.publicUrl ?? (isLoopbackHost(config.host) ? localBase() : undefined);
  const shared = buildMcpShared(auditor, config.tools.maxResultChars, options.requestLimits, {
    iconBase: publicBase,
  });

  const app = createHttpApp({
    config,
    logger,
    auditor,
    auth,
    reachability,
    version: VERSION,
    isDraining: () => draining,
    projectId: config.projectId,
    onClose: (cleanup) => cleanups.push(cleanup),
    shared,
    baseSurface: surface,
    ...(keys
      ? {
          oauth: {
            keys: keyRing(keys),
            publicUrl: () => new URL(config.oauth.publicUrl ?? localBase()),
            writeAllowed: !surface.readOnly,
            destructiveAllowed: surface.destructive,
            // Token expiry runs on the system clock (the SDK's bearer check reads Date.now too).
            ...(options.clientMetadataFetch ? { clientMetadataFetch: options.clientMetadataFetch } : {}),
          },
        }
      : {}),
    devrevFor: (token, signal) =>
      createDevRevClient({
        signal,
        baseUrl: config.devrev.baseUrl,
        token,
        userAgent: USER_AGENT,
        retry: { maxRetries: config.devrev.maxRetries, timeoutMs: config.devrev.timeoutMs },
        artifactHosts: config.devrev.artifactHosts,
        onRetry: (e) => logger.debug("devrev retry", { ...e }),
        onOutcome: (ok) => reachability.record(ok),
        now: options.now,
      }),
  });

  const server = app.listen(config.port, config.host);
  // Requests that arrived before the drain began are the ones worth waiting for; those that
  // arrive during it are refused at once and only counted so the wait can tell them apart.
  let refusing = 0;
  // Connections accepted whose first request has not arrived yet: closing one at the end of the
  // drain would reset a request the client is sending on it.
  const fresh = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    fresh.add(socket);
    socket.once("close", () => fresh.delete(socket));
  });
  // Before Express's own listener, which may answer (a drain refusal) synchronously.
  const open = new Set<ServerResponse>();
  server.prependListener("request", (req, res) => {
    fresh.delete(req.socket);
    open.add(res);
    res.once("close", () => open.delete(res));
    inFlight++;
    const refused = draining;
    if (refused) refusing++;
    res.on("close", () => {
      inFlight--;
      if (refused) refusing--;
    });
  });
  await once(server, "listening");
  // Node's defaults would cut a slow DevRev call short or keep dead sockets; bound both explicitly.
  server.requestTimeout = config.http.requestTimeoutMs + 5_000;
  server.headersTimeout = 30_000;
  server.keepAliveTimeout = 65_000;

  const { port } = server.address() as AddressInfo;
  listeningPort = port;
  const url = `${localBase()}/mcp`;

  return {
    url,
    port,
    server,
    async shutdown() {
      // New requests now get a 503 with Connection: close (see refuseWhileDraining); the listener
      // stays open while earlier ones finish, so nobody meets a refused or reset connection.
      // Idle keep-alive sockets are not cut here: closing one races a request the client is
      // already sending on it (that was the reset); each is closed after its next answer.
      draining = true;
      // Calls already running end their connection with their answer, so no client reuses a
      // socket the server is about to close.
      for (const res of open) if (!res.headersSent) res.setHeader("Connection", "close");
      const deadline = Date.now() + config.http.shutdownGraceMs;
      while (inFlight > refusing && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 25));
      }
      const left = Math.max(0, inFlight - refusing);
      // server.close() also closes sockets it counts as idle, which includes one just accepted
      // whose request is still arriving: wait for a moment with none (briefly), then close.
      const settle = Date.now() + 500;
      while ((inFlight > 0 || fresh.size > 0) && Date.now() < settle) {
        await new Promise((r) => setTimeout(r, 5));
      }
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      for (const cleanup of cleanups) cleanup();
      return { drained: left === 0, inFlightAtDeadline: left };
    },
  };
}
