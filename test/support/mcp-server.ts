import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll } from "vitest";
import { loadConfig } from "../../app/config/config.js";
import { createLogger } from "../../app/log/logger.js";
import {
  type HttpServerOptions,
  type RunningHttpServer,
  startHttpServer,
} from "../../app/runtime/http-server.js";
import { testNow } from "./clock.js";
import { startValidatedSandbox } from "./sandbox.js";

// A real server on 127.0.0.1 in front of a spec-validating sandbox, with every log line captured
// so tests can assert on audit events and on the absence of raw tokens.

export type ValidatedSandbox = Awaited<ReturnType<typeof startValidatedSandbox>>;

export interface TestServer {
  url: string;
  origin: string;
  sandbox: ValidatedSandbox;
  running: RunningHttpServer;
  logs: string[];
  logRecords(): Array<Record<string, unknown>>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  sandbox?: ValidatedSandbox;
  sandboxOptions?: Parameters<typeof startValidatedSandbox>[0];
  /** Code-only server hooks (the client-metadata fetch rule) for the OAuth tests. */
  hooks?: Omit<HttpServerOptions, "now">;
}

export async function startTestServer(
  env: Record<string, string> = {},
  options: TestServerOptions = {},
): Promise<TestServer> {
  const sandbox = options.sandbox ?? (await startValidatedSandbox(options.sandboxOptions));
  const logs: string[] = [];
  const config = loadConfig(
    {
      MCP_TRANSPORT: "streamable-http",
      MCP_HOST: "127.0.0.1",
      MCP_PORT: "1",
      DEVREV_API_BASE_URL: sandbox.url,
      MCP_LOG_LEVEL: "debug",
      DEVREV_API_TIMEOUT_MS: "5000",
      ...env,
    },
    { port: 0 },
  );
  const logger = createLogger({
    level: config.logLevel,
    format: config.logFormat,
    write: (l) => logs.push(l),
  });
  // The server's clock is the sandbox's (./clock.ts), so tools' "overdue" and "last N days" agree.
  const running = await startHttpServer(config, logger, { now: testNow, ...options.hooks });
  const origin = new URL(running.url).origin;
  return {
    url: running.url,
    origin,
    sandbox,
    running,
    logs,
    logRecords: () =>
      logs.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>),
    async close() {
      await running.shutdown();
      if (!options.sandbox) await sandbox.close();
    },
  };
}

export async function connectClient(
  url: string,
  token: string | undefined,
  headers: Record<string, string> = {},
): Promise<Client> {
  const client = new Client({ name: "devrev-mcp-tests", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers } },
  });
  await client.connect(transport);
  return client;
}

/** The text of a tool result's first content item. */
export function textOf(result: unknown): string {
  const content = (result as { content?: Array<{ type: string; text?: string }> }).content ?? [];
  return content.find((c) => c.type === "text")?.text ?? "";
}

type Row = Record<string, unknown>;

/** One tool call as tests read it: the raw result, its text, its structured content and items. */
export interface ToolCall<T> {
  result: Awaited<ReturnType<Client["callTool"]>>;
  text: string;
  structured: T;
  items: Row[];
  isError: boolean;
}

export interface ToolClient {
  /** The server started for this file (read inside tests and hooks, not at import). */
  readonly server: TestServer;
  /** The client connected with the file's token. */
  readonly client: Client;
  /** Calls a tool with the file's client, or with `client` when given. */
  call<T = Row & { items?: Row[] }>(
    name: string,
    args?: Record<string, unknown>,
    client?: Client,
  ): Promise<ToolCall<T>>;
}

/**
 * Starts a test server (with `env` and `options`) and connects one client (as `options.token`,
 * "sandbox-alice" unless told) before the file's tests, and closes both after them.
 */
export function useToolClient(
  env: Record<string, string> = {},
  options: TestServerOptions & { token?: string } = {},
): ToolClient {
  const { token = "sandbox-alice", ...serverOptions } = options;
  let server: TestServer | undefined;
  let client: Client | undefined;
  beforeAll(async () => {
    server = await startTestServer(env, serverOptions);
    client = await connectClient(server.url, token);
  });
  afterAll(async () => {
    await client?.close();
    await server?.close();
  });
  const started = <V>(value: V | undefined): V => {
    if (value === undefined) throw new Error("useToolClient: the test server has not started");
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get client() {
      return started(client);
    },
    async call<T = Row & { items?: Row[] }>(
      name: string,
      args: Record<string, unknown> = {},
      via: Client = started(client),
    ): Promise<ToolCall<T>> {
      const result = await via.callTool({ name, arguments: args });
      const structured = result.structuredContent as (T & { items?: Row[] }) | undefined;
      return {
        result,
        text: textOf(result),
        structured: structured as T,
        items: structured?.items ?? [],
        isError: result.isError === true,
      };
    },
  };
}
