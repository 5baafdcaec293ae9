import request from "supertest";

// Raw JSON-RPC over HTTP, for what an SDK client would never send.

export const MCP_HEADERS = {
  Accept: "application/json, text/event-stream",
  "Content-Type": "application/json",
};

export function rpc(id: number | string, method: string, params?: unknown) {
  return { jsonrpc: "2.0", id, method, ...(params === undefined ? {} : { params }) };
}

export const INIT = rpc(0, "initialize", {
  protocolVersion: "2025-06-18",
  capabilities: {},
  clientInfo: { name: "raw-test", version: "1" },
});

/** The JSON-RPC messages in a response, whether it came as SSE or as plain JSON. */
export function messagesOf(res: request.Response): Array<Record<string, unknown>> {
  const type = String(res.headers["content-type"] ?? "");
  if (type.includes("text/event-stream")) {
    return res.text
      .split("\n")
      .filter((l) => l.startsWith("data:"))
      .map((l) => l.slice(5).trim())
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  }
  return [res.body as Record<string, unknown>];
}

export async function post(
  origin: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const req = request(origin)
    .post(path)
    .set({ ...MCP_HEADERS, ...headers });
  return typeof body === "string" ? req.send(body) : req.send(body as object);
}
