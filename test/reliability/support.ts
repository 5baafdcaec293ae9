// Raw MCP calls for the reliability suite: plain HTTP with a hard deadline per call, so a hang is a
// failure with a name rather than a test timeout, and every answer is checked at the JSON-RPC level.
import http from "node:http";

export const MCP_HEADERS = {
  "content-type": "application/json",
  accept: "application/json, text/event-stream",
};

export interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  ms: number;
}

/** One POST (a new connection unless an agent is given); rejects on a transport error or after `deadlineMs`. */
export function rawPost(
  url: string,
  body: string | Buffer,
  headers: Record<string, string>,
  deadlineMs = 30_000,
  agent: http.Agent | false = false,
): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(url, { method: "POST", headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        clearTimeout(timer);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString("utf8"),
          ms: performance.now() - started,
        });
      });
      res.on("error", (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    const timer = setTimeout(() => {
      req.destroy(new Error(`no answer within ${deadlineMs} ms`));
    }, deadlineMs);
    req.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(body);
  });
}

export type RpcMessage = { jsonrpc?: string; id?: unknown; result?: unknown; error?: unknown };

/** The JSON-RPC messages of an answer, whether SSE or plain JSON; throws on anything else. */
export function messagesOf(reply: Pick<RawReply, "headers" | "body">): RpcMessage[] {
  const type = String(reply.headers["content-type"] ?? "");
  if (type.includes("text/event-stream")) {
    return reply.body
      .split("\n")
      .filter((l) => l.startsWith("data:"))
      .map((l) => JSON.parse(l.slice(5)) as RpcMessage);
  }
  if (!reply.body) return [];
  return [JSON.parse(reply.body) as RpcMessage];
}

export interface ToolReply {
  reply: RawReply;
  message: RpcMessage | undefined;
  isError: boolean;
  text: string;
  structured: unknown;
}

let nextId = 1;

export async function callTool(
  mcpUrl: string,
  token: string,
  name: string,
  args: Record<string, unknown>,
  deadlineMs = 30_000,
  agent: http.Agent | false = false,
): Promise<ToolReply> {
  const body = JSON.stringify({
    jsonrpc: "2.0",
    id: nextId++,
    method: "tools/call",
    params: { name, arguments: args },
  });
  const reply = await rawPost(
    mcpUrl,
    body,
    { ...MCP_HEADERS, authorization: `Bearer ${token}` },
    deadlineMs,
    agent,
  );
  const message = reply.status === 200 ? messagesOf(reply).find((m) => "id" in m) : undefined;
  const result = message?.result as
    | { isError?: boolean; content?: Array<{ type: string; text?: string }>; structuredContent?: unknown }
    | undefined;
  return {
    reply,
    message,
    isError: result?.isError === true,
    text: result?.content?.find((c) => c.type === "text")?.text ?? "",
    structured: result?.structuredContent,
  };
}

/** Runs `worker` on `concurrency` lanes, each until it returns false; resolves when all have stopped. */
export async function lanes(concurrency: number, worker: (lane: number) => Promise<boolean>): Promise<void> {
  await Promise.all(
    Array.from({ length: concurrency }, async (_, lane) => {
      while (await worker(lane)) {
        // Each lane runs its next call as soon as the previous one ends.
      }
    }),
  );
}
