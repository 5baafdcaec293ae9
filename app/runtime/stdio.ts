import { serveStdio } from "@modelcontextprotocol/server/stdio";
import type { Config } from "../config/config.js";
import { createDevRevClient } from "../devrev/client.js";
import { createAuditor } from "../log/audit.js";
import type { Logger } from "../log/logger.js";
import { buildMcpShared } from "../mcp/build-shared.js";
import { createMcpServer } from "../mcp/server.js";
import type { Caller } from "../mcp/tool.js";
import { tokenHash } from "../util/token-hash.js";
import { SERVER_NAME, VERSION } from "../version.js";
import { surfaceFromConfig } from "./surface-from-config.js";

/**
 * One local user, one process: the DevRev token comes from DEVREV_API_TOKEN. stdout carries only
 * protocol messages; every log line goes to stderr.
 */
export async function runStdio(
  config: Readonly<Config>,
  logger: Logger,
): Promise<{ close(): Promise<void> }> {
  const shared = buildMcpShared(createAuditor(logger, config.auditLog), config.tools.maxResultChars);
  const devrev = createDevRevClient({
    baseUrl: config.devrev.baseUrl,
    token: config.devrev.token ?? "",
    userAgent: `${SERVER_NAME}/${VERSION}`,
    retry: { maxRetries: config.devrev.maxRetries, timeoutMs: config.devrev.timeoutMs },
    artifactHosts: config.devrev.artifactHosts,
  });
  const caller: Caller = {
    devrev,
    identity: undefined,
    tokenHash: tokenHash(config.devrev.token ?? ""),
    surface: surfaceFromConfig(config),
    logger,
  };
  // serveStdio answers a 2026-07-28 client (server/discover, then requests carrying _meta) and a
  // 2025-era one (initialize) from the same factory; the connection keeps the era it opened with.
  const handle = serveStdio(() => createMcpServer(shared, caller), {
    onerror: (err) => logger.debug("stdio transport", { error: err.message }),
  });
  return { close: () => handle.close() };
}
