import type { IncomingMessage, ServerResponse } from "node:http";
import {
  type AuthInfo,
  isInitializeRequest,
  isJSONRPCRequest,
  type JSONRPCMessage,
  parseJSONRPCMessage,
  type Server,
  type Transport,
  type TransportSendOptions,
} from "@modelcontextprotocol/server";
import type { HeadOverride } from "./web-response.js";

// One 2025-era stateless POST, served by the per-request Server straight onto the Node response.
// It answers exactly as the SDK's legacy fallback (createMcpHandler → a stateless
// WebStandardStreamableHTTPServerTransport) does: the same refusals with the same codes, 202 for
// notifications, an SSE stream of `event: message` frames for requests, closed once every request
// of the POST has its response. What it leaves out is the web plumbing in between — a web Request
// built from the Node one, a ReadableStream per exchange wrapped in a second one, a Response, and
// the copy back onto the socket — which cost more CPU than the tool call itself (docs/performance.md).
// 2026-07-28 requests still go through createMcpHandler (see mcp-route.ts).

/** As the SDK's transports: at most this many messages in one JSON-RPC batch. */
const MAX_BATCH_SIZE = 100;
/** As the SDK's default: an SSE comment this often keeps proxies from closing a quiet stream. */
const KEEP_ALIVE_MS = 15_000;

const SSE_HEADERS = {
  "Content-Type": "text/event-stream",
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
};

export interface LegacyExchangeOptions {
  authInfo: AuthInfo;
  /** Consulted before the first byte: a different answer (a PAT revoked mid-request) replaces the stream. */
  override: () => HeadOverride | undefined;
  onerror: (err: Error) => void;
}

/**
 * Serves `body` (already parsed by express.json) on `server`, writing the answer to `res`.
 * Resolves when the answer has been written or the client has gone.
 */
export async function serveLegacyPost(
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
  server: Server,
  options: LegacyExchangeOptions,
): Promise<void> {
  const accept = req.headers.accept;
  const refuse = (status: number, code: number, message: string) => {
    options.onerror(new Error(message));
    const text = JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null });
    res.writeHead(status, {
      "Content-Type": "application/json",
      "Content-Length": String(Buffer.byteLength(text)),
    });
    res.end(text);
  };
  if (!accept?.includes("application/json") || !accept.includes("text/event-stream")) {
    return refuse(
      406,
      -32000,
      "Not Acceptable: Client must accept both application/json and text/event-stream",
    );
  }
  if (Array.isArray(body) && body.length > MAX_BATCH_SIZE) {
    return refuse(400, -32600, `Invalid Request: Batch must not exceed ${MAX_BATCH_SIZE} messages`);
  }
  let messages: JSONRPCMessage[];
  try {
    messages = (Array.isArray(body) ? body : [body]).map((m) => parseJSONRPCMessage(m));
  } catch {
    return refuse(400, -32700, "Parse error: Invalid JSON-RPC message");
  }
  const exchange = new LegacyExchange(res, options);
  // Connecting tells the exchange which protocol versions the Server speaks (for the header check).
  await server.connect(exchange);
  // The method first: the schema check behind isInitializeRequest costs more than the call's routing.
  const initializing = messages.some(
    (m) => "method" in m && m.method === "initialize" && isInitializeRequest(m),
  );
  if (initializing && messages.length > 1) {
    return refuse(400, -32600, "Invalid Request: Only one initialization request is allowed");
  }
  const version = req.headers["mcp-protocol-version"]?.toString();
  if (!initializing && version !== undefined && !exchange.supportedVersions.includes(version)) {
    return refuse(
      400,
      -32000,
      `Bad Request: Unsupported protocol version: ${version} (supported versions: ${exchange.supportedVersions.join(", ")})`,
    );
  }
  return exchange.serve(messages);
}

/** The Transport the per-request Server is connected to: one POST, one answer. */
class LegacyExchange implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: Transport["onmessage"];
  supportedVersions: readonly string[] = [];

  /** Ids of the POST's requests, and which of them have their response. */
  private readonly ids = new Set<string | number>();
  private readonly answered = new Set<string | number>();
  private headWritten = false;
  private finished = false;
  private closed = false;
  private keepAlive: NodeJS.Timeout | undefined;
  private done!: () => void;

  constructor(
    private readonly res: ServerResponse,
    private readonly options: LegacyExchangeOptions,
  ) {}

  setSupportedProtocolVersions(versions: string[]): void {
    this.supportedVersions = versions;
  }

  async start(): Promise<void> {}

  serve(messages: JSONRPCMessage[]): Promise<void> {
    const extra = { authInfo: this.options.authInfo };
    for (const m of messages) if (isJSONRPCRequest(m)) this.ids.add(m.id);
    if (this.ids.size === 0) {
      // Notifications and responses only: delivered, and 202 with no body, as the SDK answers.
      for (const m of messages) this.onmessage?.(m, extra);
      this.finished = true;
      this.res.writeHead(202).end();
      return Promise.resolve();
    }
    const ended = new Promise<void>((resolve) => {
      this.done = resolve;
    });
    // The client leaving (or the request deadline answering first) ends the exchange: the Server
    // then aborts the handlers still running, and with them their DevRev calls.
    this.res.once("close", () => {
      if (!this.finished) void this.close();
    });
    for (const m of messages) this.onmessage?.(m, extra);
    if (!this.finished) {
      this.keepAlive = setInterval(() => this.write(": keepalive\n\n", false), KEEP_ALIVE_MS);
      this.keepAlive.unref();
    }
    return ended;
  }

  async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    // What the Server sends is well-formed: its shape tells a response from a request or a
    // notification without schema-checking the whole result again.
    const response = !("method" in message) && ("result" in message || "error" in message);
    const id = response ? message.id : options?.relatedRequestId;
    if (id === undefined) {
      // A stateless POST has no standalone stream: what is not about one of its requests is dropped.
      if (response) throw new Error("Cannot send a response on a standalone SSE stream");
      return;
    }
    if (!this.ids.has(id)) throw new Error(`No connection established for request ID: ${String(id)}`);
    if (this.finished) return;
    if (response) this.answered.add(id);
    const last = response && this.answered.size === this.ids.size;
    this.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`, last);
  }

  /** Only when the exchange ends early: the Server's close aborts the handlers still running. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.end();
    this.onclose?.();
  }

  /**
   * The head waits for the first frame, so a revoked PAT can still become a 401. When the first
   * frame is also the last (a call without progress), head and body leave in one write.
   */
  private write(frame: string, last: boolean): void {
    if (this.finished || this.res.writableEnded || this.res.destroyed) return;
    if (!this.headWritten) {
      this.headWritten = true;
      const replaced = this.options.override();
      if (replaced) {
        this.res.writeHead(replaced.status, {
          ...replaced.headers,
          "Content-Type": "application/json",
          "Content-Length": String(Buffer.byteLength(replaced.body)),
        });
        this.res.end(replaced.body);
        // The handlers still running are stopped: nothing will read what they produce.
        void this.close();
        return;
      }
      if (last) {
        this.res.writeHead(200, { ...this.sseHeaders(), "Content-Length": String(Buffer.byteLength(frame)) });
        this.res.end(frame);
        this.end();
        return;
      }
      this.res.writeHead(200, this.sseHeaders());
    }
    this.res.write(frame);
    if (last) {
      this.res.end();
      this.end();
    }
  }

  /** The SDK's SSE head; `Connection: close` stays when a drain has set it. */
  private sseHeaders(): Record<string, string> {
    return this.res.hasHeader("connection") ? SSE_HEADERS : { ...SSE_HEADERS, Connection: "keep-alive" };
  }

  private end(): void {
    if (this.keepAlive) clearInterval(this.keepAlive);
    this.keepAlive = undefined;
    const wasFinished = this.finished;
    this.finished = true;
    if (!this.res.writableEnded && !this.res.destroyed) this.res.end();
    if (!wasFinished) this.done?.();
  }
}
