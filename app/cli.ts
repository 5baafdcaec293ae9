#!/usr/bin/env node
import { parseArgs } from "node:util";
import {
  type CliOverrides,
  ConfigError,
  loadConfig,
  loadSandboxFaults,
  TRANSPORTS,
  type Transport,
} from "./config/config.js";
import { createLogger } from "./log/logger.js";
import { routeProcessWarnings } from "./log/process-warnings.js";
import { startHttpServer } from "./runtime/http-server.js";
import { printSandboxBanner } from "./runtime/sandbox-banner.js";
import { runStdio } from "./runtime/stdio.js";
import { VERSION } from "./version.js";

const HELP = `devrev-mcp-server ${VERSION} — an MCP server for DevRev

Usage:
  devrev-mcp-server [options]                 run the MCP server
  devrev-mcp-server sandbox-api [--port N]    run only the local fake DevRev API

Options:
  --transport <stdio|streamable-http>  transport (env MCP_TRANSPORT, default stdio)
  --host <address>                     HTTP bind address (env MCP_HOST, default 127.0.0.1)
  --port <number>                      HTTP port (env MCP_PORT or PORT, default 8080)
  --sandbox                            use an in-process DevRev sandbox (no account needed;
                                       PATs: sandbox-alice, sandbox-bob, sandbox-eve)
  -h, --help                           show this help
  -v, --version                        print the version

Every other setting is an environment variable; see README.md (Configuration).
`;

async function main(argv: string[]): Promise<void> {
  if (argv[0] === "sandbox-api") {
    const { runSandboxCli } = await import("./sandbox/cli.js");
    await runSandboxCli(argv.slice(1), loadSandboxFaults(process.env));
    return;
  }
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      transport: { type: "string" },
      host: { type: "string" },
      port: { type: "string" },
      sandbox: { type: "boolean" },
      help: { type: "boolean", short: "h" },
      version: { type: "boolean", short: "v" },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  const cli: CliOverrides = {};
  if (values.transport !== undefined) {
    if (!(TRANSPORTS as readonly string[]).includes(values.transport)) {
      throw new ConfigError([`--transport: "${values.transport}" is not one of ${TRANSPORTS.join(" | ")}`]);
    }
    cli.transport = values.transport as Transport;
  }
  if (values.host !== undefined) cli.host = values.host;
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new ConfigError([`--port: "${values.port}" is not a port number from 0 to 65535`]);
    }
    cli.port = port;
  }
  cli.sandbox = values.sandbox ?? false;

  let env = process.env;
  let closeSandbox: (() => Promise<void>) | undefined;
  let setSandboxFaults: ((spec: string | undefined) => void) | undefined;
  if (cli.sandbox) {
    const { startSandbox } = await import("./sandbox/index.js");
    // Started before the configuration is read, which needs its address; its faults are set below.
    const sandbox = await startSandbox({ host: "127.0.0.1", port: 0 });
    closeSandbox = sandbox.close;
    setSandboxFaults = (spec) => sandbox.state.setFaults(spec);
    // The sandbox stands in for DevRev; the server's own token (stdio, none, static-token) is Alice's.
    // Someone trying it out reads the terminal, so logs default to text there.
    env = {
      ...process.env,
      DEVREV_API_BASE_URL: sandbox.url,
      DEVREV_API_TOKEN: process.env.DEVREV_API_TOKEN ?? "sandbox-alice",
      MCP_LOG_FORMAT: process.env.MCP_LOG_FORMAT ?? "text",
    };
  }
  const config = loadConfig(env, cli);
  setSandboxFaults?.(config.sandbox.faults);
  const logger = createLogger({ level: config.logLevel, format: config.logFormat });
  routeProcessWarnings(logger);

  if (config.transport === "stdio") {
    const running = await runStdio(config, logger);
    const stop = async () => {
      await running.close();
      await closeSandbox?.();
      process.exit(0);
    };
    process.stdin.on("close", stop);
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
    logger.info("devrev-mcp-server ready on stdio", { version: VERSION, sandbox: cli.sandbox });
    return;
  }

  const running = await startHttpServer(config, logger);
  logger.info("devrev-mcp-server listening", {
    url: running.url,
    version: VERSION,
    auth_mode: config.auth.mode,
    sandbox: cli.sandbox,
  });
  if (cli.sandbox) printSandboxBanner(running.url, config.auth.mode);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.notice("shutting down", { signal, grace_ms: config.http.shutdownGraceMs });
    const result = await running.shutdown();
    logger.notice("stopped", { drained: result.drained, in_flight_at_deadline: result.inFlightAtDeadline });
    await closeSandbox?.();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`devrev-mcp-server: ${err.message}\n\nRun with --help for usage.\n`);
    process.exit(2);
  }
  if (
    err instanceof Error &&
    "code" in err &&
    typeof err.code === "string" &&
    err.code.startsWith("ERR_PARSE_ARGS")
  ) {
    process.stderr.write(`devrev-mcp-server: ${err.message}\n\nRun with --help for usage.\n`);
    process.exit(2);
  }
  if (err instanceof Error && "code" in err && err.code === "EADDRINUSE") {
    process.stderr.write(
      `devrev-mcp-server: ${err.message}: the port is taken; choose another with --port or MCP_PORT.\n`,
    );
    process.exit(1);
  }
  process.stderr.write(
    `devrev-mcp-server: failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
