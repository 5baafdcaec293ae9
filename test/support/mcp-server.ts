import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { loadConfig } from "../../app/config/config.js";
import { createLogger } from "../../app/log/logger.js";
import { type RunningHttpServer, startHttpServer } from "../../app/runtime/http-server.js";
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

export async function startTestServer(
  env: Record<string, string> = {},
  options: { sandbox?: ValidatedSandbox; sandboxOptions?: Parameters<typeof startValidatedSandbox>[0] } = {},
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
  const running = await startHttpServer(config, logger);
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
