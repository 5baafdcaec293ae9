import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// A real HTTP server on 127.0.0.1 that answers from a script: for exact retry/timeout behaviour
// that random sandbox faults cannot pin down.

export type Step =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { reset: true }
  | { delayMs: number; status: number; body?: unknown };

export interface ScriptedServer {
  url: string;
  hits: Array<{ path: string; body: string; authorization: string | undefined }>;
  script(path: string, steps: Step[]): void;
  close(): Promise<void>;
}

export async function startScriptedServer(): Promise<ScriptedServer> {
  const scripts = new Map<string, Step[]>();
  const hits: ScriptedServer["hits"] = [];
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const path = req.url ?? "/";
    hits.push({ path, body: Buffer.concat(chunks).toString(), authorization: req.headers.authorization });
    const step = scripts.get(path)?.shift() ?? {
      status: 404,
      body: { type: "not_found", message: "unscripted" },
    };
    if ("reset" in step) {
      req.socket.destroy();
      return;
    }
    if ("delayMs" in step) await new Promise((r) => setTimeout(r, step.delayMs));
    if (res.destroyed) return;
    res.writeHead(step.status, {
      "content-type": "application/json",
      ...("headers" in step ? step.headers : {}),
    });
    res.end(JSON.stringify(step.body ?? {}));
  });
  server.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    script: (path, steps) => scripts.set(path, [...steps]),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
