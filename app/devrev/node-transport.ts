import http from "node:http";
import https from "node:https";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";

// The wire under the DevRev client: one kept-alive HTTP/1.1 request per attempt over node:http(s),
// answered once the whole body has arrived (so the per-attempt timeout covers the body too).
// Measured on the server's hot path against the platform fetch (undici): fetch's request and
// response machinery (web streams, body mixins, a WebAssembly parser whose memory grows with
// concurrent connections) cost more CPU than the DevRev call's JSON parse; this does not. Unlike
// fetch it does not follow redirects: DevRev's API answers where it is asked, and following one to
// another origin would have to drop the caller's token anyway; a 3xx is returned as it is.

export interface TransportInit {
  method: string;
  headers: Headers;
  body: string | undefined;
  signal: AbortSignal;
}

/** What the client and openapi-fetch read of an answer; a platform Response fits too. */
export interface WireResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly url: string;
  readonly headers: Headers;
  readonly body: { cancel(): Promise<void> } | null;
  text(): Promise<string>;
  json(): Promise<unknown>;
}

/**
 * A `fetch(url, init)` as far as the DevRev client needs one. It must resolve only once the whole
 * body has arrived: the caller's per-attempt timeout ends when it resolves.
 */
export type Transport = (url: string, init: TransportInit) => Promise<WireResponse>;

/** A fully read answer, decoded only when asked. */
export class PlainResponse implements WireResponse {
  readonly ok: boolean;
  readonly body = null;
  bodyUsed = false;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    readonly headers: Headers,
    private readonly bytes: Buffer,
  ) {
    this.ok = status >= 200 && status < 300;
  }

  async text(): Promise<string> {
    if (this.bodyUsed) throw new TypeError("Body has already been consumed");
    this.bodyUsed = true;
    // As fetch does, a UTF-8 byte order mark is not part of the text.
    const bom = this.bytes[0] === 0xef && this.bytes[1] === 0xbb && this.bytes[2] === 0xbf;
    return this.bytes.toString("utf8", bom ? 3 : 0);
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }
}

// As Node's global agents, but our own: keep-alive, most recently used socket first, idle sockets
// closed after 5 s or a second before the server's Keep-Alive hint, whichever is sooner.
const AGENT_OPTIONS = { keepAlive: true, scheduling: "lifo", timeout: 5_000 } as const;
const httpAgent = new http.Agent(AGENT_OPTIONS);
const httpsAgent = new https.Agent(AGENT_OPTIONS);

export const nodeTransport: Transport = (url, init) =>
  new Promise<WireResponse>((resolve, reject) => {
    const target = new URL(url);
    const secure = target.protocol === "https:";
    if (!secure && target.protocol !== "http:") {
      reject(new TypeError(`unsupported protocol ${target.protocol}`));
      return;
    }
    const headers: Record<string, string> = {};
    init.headers.forEach((value, name) => {
      headers[name] = value;
    });
    // Like fetch: ask for compressed answers (DevRev's lists compress about tenfold).
    headers["accept-encoding"] ??= "gzip, deflate, br";
    const body = init.body === undefined ? undefined : Buffer.from(init.body, "utf8");
    if (body) headers["content-length"] = String(body.length);

    const req = (secure ? https : http).request(
      target,
      { method: init.method, headers, agent: secure ? httpsAgent : httpAgent, signal: init.signal },
      (res) => {
        const encoding = String(res.headers["content-encoding"] ?? "").toLowerCase();
        const decoder =
          encoding === "gzip" || encoding === "x-gzip"
            ? createGunzip()
            : encoding === "deflate"
              ? createInflate()
              : encoding === "br"
                ? createBrotliDecompress()
                : undefined;
        const stream = decoder ? res.pipe(decoder) : res;
        const chunks: Buffer[] = [];
        const fail = (err: Error) => {
          req.destroy();
          reject(err);
        };
        res.on("error", fail);
        res.on("aborted", () => fail(Object.assign(new Error("response aborted"), { code: "ECONNRESET" })));
        decoder?.on("error", fail);
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          const status = res.statusCode ?? 0;
          const responseHeaders = new Headers();
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
            const name = res.rawHeaders[i] ?? "";
            // The body is handed over decoded, so its encoding and length no longer apply.
            if (decoder && /^content-(encoding|length)$/i.test(name)) continue;
            responseHeaders.append(name, res.rawHeaders[i + 1] ?? "");
          }
          resolve(
            new PlainResponse(url, status, res.statusMessage ?? "", responseHeaders, Buffer.concat(chunks)),
          );
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
