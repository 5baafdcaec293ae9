import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDevRevClient, unwrap } from "../../app/devrev/client.js";
import { DevRevError } from "../../app/devrev/errors.js";
import { nodeTransport } from "../../app/devrev/node-transport.js";

// The DevRev client's wire (node:http with kept-alive sockets instead of the platform fetch):
// what fetch did for free must still hold: compressed answers, headers, aborts, resets, and a
// timeout that also covers a body that stops halfway.

type Route = (req: IncomingMessage, res: ServerResponse) => void;
const routes = new Map<string, Route>();
let server: Server;
let base: string;
const sockets = new Set<string>();

beforeAll(async () => {
  server = createServer((req, res) => {
    sockets.add(`${req.socket.remotePort}`);
    const route = routes.get(req.url ?? "");
    if (route) route(req, res);
    else res.writeHead(404).end();
  });
  server.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const json = { works: [{ id: "don:core:x", title: "héllo ✓" }] };
const init = (signal = new AbortController().signal) => ({
  method: "POST",
  headers: new Headers({ "content-type": "application/json", authorization: "Bearer t" }),
  body: "{}",
  signal,
});

describe("node transport", () => {
  it("sends method, headers and body, and reads status, headers and text", async () => {
    routes.set("/echo", (req, res) => {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        res.writeHead(201, {
          "content-type": "application/json",
          "x-seen": `${req.method} ${req.headers.authorization}`,
        });
        res.end(JSON.stringify({ body, length: req.headers["content-length"] }));
      });
    });
    const r = await nodeTransport(`${base}/echo`, init());
    expect(r.status).toBe(201);
    expect(r.ok).toBe(true);
    expect(r.url).toBe(`${base}/echo`);
    expect(r.headers.get("x-seen")).toBe("POST Bearer t");
    expect(await r.json()).toEqual({ body: "{}", length: "2" });
  });

  it.each([
    ["gzip", gzipSync],
    ["deflate", deflateSync],
    ["br", brotliCompressSync],
  ] as const)("decodes %s answers and drops the encoding headers", async (encoding, compress) => {
    routes.set(`/${encoding}`, (req, res) => {
      expect(req.headers["accept-encoding"]).toMatch(/gzip/);
      const bytes = compress(Buffer.from(JSON.stringify(json)));
      res.writeHead(200, {
        "content-type": "application/json",
        "content-encoding": encoding,
        "content-length": String(bytes.length),
      });
      res.end(bytes);
    });
    const r = await nodeTransport(`${base}/${encoding}`, init());
    expect(r.headers.get("content-encoding")).toBeNull();
    expect(r.headers.get("content-length")).toBeNull();
    expect(await r.json()).toEqual(json);
  });

  it("strips a UTF-8 byte order mark, as fetch does", async () => {
    routes.set("/bom", (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(json))]));
    });
    expect(await (await nodeTransport(`${base}/bom`, init())).json()).toEqual(json);
  });

  it("reuses kept-alive connections", async () => {
    routes.set("/ka", (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
    sockets.clear();
    for (let i = 0; i < 5; i++) await (await nodeTransport(`${base}/ka`, init())).text();
    expect(sockets.size).toBe(1);
  });

  it("rejects with the connection's error code on a reset, and on an abort", async () => {
    routes.set("/reset", (req) => req.socket.destroy());
    await expect(nodeTransport(`${base}/reset`, init())).rejects.toMatchObject({ code: "ECONNRESET" });
    routes.set("/hang", () => {});
    const controller = new AbortController();
    const pending = nodeTransport(`${base}/hang`, init(controller.signal));
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("DevRev client timeouts over the node transport", () => {
  it("times out a body that stops halfway, and retries the read", async () => {
    let calls = 0;
    routes.set("/works.list", (_req, res) => {
      calls++;
      res.writeHead(200, { "content-type": "application/json" });
      if (calls === 1) {
        res.write('{"works": ['); // and nothing more
        return;
      }
      res.end(JSON.stringify({ works: [] }));
    });
    const client = createDevRevClient({
      baseUrl: base,
      token: "t",
      retry: { maxRetries: 1, timeoutMs: 200, baseDelayMs: 1, maxDelayMs: 5 },
    });
    const started = Date.now();
    await expect(unwrap(client.api.POST("/works.list", { body: {} }))).resolves.toEqual({ works: [] });
    expect(calls).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it("reports a body that never finishes as a timeout once retries are spent", async () => {
    routes.set("/works.get", (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("{");
    });
    const client = createDevRevClient({
      baseUrl: base,
      token: "t",
      retry: { maxRetries: 0, timeoutMs: 100 },
    });
    const err = await unwrap(client.api.POST("/works.get", { body: { id: "TKT-1" } })).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DevRevError);
    expect(err).toMatchObject({ kind: "timeout", operation: "works.get" });
  });
});
