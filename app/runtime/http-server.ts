import { randomBytes } from "node:crypto";
import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createDevRevPatAuthenticator } from "../auth/devrev-pat.js";
import { createNoAuthAuthenticator, createStaticTokenAuthenticator } from "../auth/static-token.js";
import type { Authenticator } from "../auth/types.js";
import type { Config } from "../config/config.js";
import { createDevRevClient } from "../devrev/client.js";
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
  switch (config.auth.mode) {
    case "static-token":
      return createStaticTokenAuthenticator(config.auth.staticToken ?? "", serverToken);
    case "none":
      return createNoAuthAuthenticator(serverToken);
    case "devrev-pat":
      return createDevRevPatAuthenticator({
        baseUrl: config.devrev.baseUrl,
        allowedDomains: config.auth.allowedDomains,
        ttlSeconds: config.auth.cacheTtlSeconds,
        negativeTtlSeconds: config.auth.negativeCacheTtlSeconds,
        maxEntries: config.auth.cacheMaxEntries,
        userAgent: USER_AGENT,
        onValidated: (ok) => reachability.record(ok),
      });
  }
}

export interface HttpServerOptions {
  /** The clock tools compare DevRev dates with; tests pin it to the sandbox's (test/support/clock.ts). */
  now?: () => Date;
  /** Only code (tests) can loosen how client metadata documents are fetched; no env var reaches it. */
  clientMetadataFetch?: Partial<ClientMetadataFetchOptions>;
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
  const shared = buildMcpShared(auditor, config.tools.maxResultChars);
  let draining = false;
  let inFlight = 0;
  const cleanups: Array<() => void> = [];
  const keys = oauthKeys(config, logger);
  let listeningPort = config.port;
  const hostForUrl = config.host.includes(":") ? `[${config.host}]` : config.host;
  const localBase = () => `http://${hostForUrl === "0.0.0.0" ? "127.0.0.1" : hostForUrl}:${listeningPort}`;
  const surface = surfaceFromConfig(config);

  const app = createHttpApp({
    config,
    logger,
    auditor,
    auth,
    reachability,
    version: VERSION,
    isDraining: () => draining,
    projectId: process.env.GOOGLE_CLOUD_PROJECT,
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
    devrevFor: (token) =>
      createDevRevClient({
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
  server.on("request", (_req, res) => {
    inFlight++;
    if (draining) res.setHeader("Connection", "close");
    res.on("close", () => inFlight--);
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
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = Date.now() + config.http.shutdownGraceMs;
      while (inFlight > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 25));
        server.closeIdleConnections();
      }
      const left = inFlight;
      server.closeAllConnections();
      await closed;
      for (const cleanup of cleanups) cleanup();
      return { drained: left === 0, inFlightAtDeadline: left };
    },
  };
}
