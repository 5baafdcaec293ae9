import type { LookupAddress } from "node:dns";
import { lookup as dnsLookup } from "node:dns/promises";
import { request } from "node:https";
import { isIP } from "node:net";
import { LRUCache } from "lru-cache";
import { isPublicAddress } from "./address-guard.js";
import { redirectUriProblem } from "./redirect-uris.js";

// Client ID Metadata Documents (the 2026-07-28 registration preference): the client_id is an https
// URL, and the document there names the client and its redirect URIs. Fetching it is the one
// place this server calls a URL someone else picked, so every step is bounded and guarded.

export interface ClientMetadataFetchOptions {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /**
   * Which resolved addresses may be contacted. Production always uses `isPublicAddress`; only
   * code (tests) can pass another rule: no environment variable reaches this.
   */
  addressAllowed: (address: string) => boolean;
  /** Extra trusted CA certificates (PEM): for tests that run their own https server. */
  ca?: string;
}

export const DEFAULT_FETCH_OPTIONS: ClientMetadataFetchOptions = {
  timeoutMs: 5_000,
  maxBytes: 16_384,
  maxRedirects: 3,
  addressAllowed: isPublicAddress,
};

export interface ClientMetadata {
  clientId: string;
  name: string;
  redirectUris: string[];
  clientUri?: string;
}

export class ClientMetadataError extends Error {
  override name = "ClientMetadataError";
}

const MAX_CLIENT_ID_CHARS = 2_000;

/** Whether a client_id names a metadata document (rather than a dynamically registered client). */
export function isMetadataDocumentId(clientId: string): boolean {
  return clientId.startsWith("https://");
}

/** Fetches and checks a client's metadata document, remembering good ones for a few minutes. */
export function createClientMetadataResolver(options: ClientMetadataFetchOptions = DEFAULT_FETCH_OPTIONS) {
  const cache = new LRUCache<string, ClientMetadata>({ max: 500, ttl: 5 * 60_000 });
  return async (clientId: string): Promise<ClientMetadata> => {
    const hit = cache.get(clientId);
    if (hit) return hit;
    const url = checkClientIdUrl(clientId);
    const body = await fetchBounded(url, options);
    const metadata = parseClientMetadata(clientId, body);
    cache.set(clientId, metadata);
    return metadata;
  };
}

export function checkClientIdUrl(clientId: string): URL {
  if (clientId.length > MAX_CLIENT_ID_CHARS) throw new ClientMetadataError("the client_id URL is too long");
  let url: URL;
  try {
    url = new URL(clientId);
  } catch {
    throw new ClientMetadataError("the client_id is not a URL");
  }
  if (url.protocol !== "https:") throw new ClientMetadataError("a client_id URL must use https");
  if (url.username || url.password)
    throw new ClientMetadataError("a client_id URL must not hold credentials");
  if (url.hash) throw new ClientMetadataError("a client_id URL must not have a fragment");
  if (url.pathname === "/" || url.pathname === "") {
    throw new ClientMetadataError("a client_id URL must have a path (it names a document)");
  }
  return url;
}

/** Resolves a host and refuses it unless every address it resolves to is allowed. */
export async function resolveAllowed(
  hostname: string,
  addressAllowed: (address: string) => boolean,
): Promise<LookupAddress[]> {
  const bare = hostname.replace(/^\[|\]$/g, "");
  const addresses: LookupAddress[] = isIP(bare)
    ? [{ address: bare, family: isIP(bare) }]
    : await dnsLookup(bare, { all: true, verbatim: true }).catch(() => {
        throw new ClientMetadataError(`the client_id host ${hostname} does not resolve`);
      });
  if (addresses.length === 0)
    throw new ClientMetadataError(`the client_id host ${hostname} does not resolve`);
  // All of them: a name that also resolves to a private address could be steered there.
  if (addresses.some((a) => !addressAllowed(a.address))) {
    throw new ClientMetadataError(
      `the client_id host ${hostname} resolves to a private, loopback or link-local address; this server fetches only public ones`,
    );
  }
  return addresses;
}

async function fetchBounded(start: URL, o: ClientMetadataFetchOptions): Promise<string> {
  const deadline = AbortSignal.timeout(o.timeoutMs);
  let url = start;
  for (let hop = 0; hop <= o.maxRedirects; hop++) {
    if (url.protocol !== "https:")
      throw new ClientMetadataError("the client_id URL redirected to a non-https URL");
    const addresses = await resolveAllowed(url.hostname, o.addressAllowed);
    const answer = await getOnce(url, addresses, o, deadline);
    if (answer.location === undefined) return answer.body;
    // Each hop is checked again: a public host may redirect to a private one.
    url = new URL(answer.location, url);
  }
  throw new ClientMetadataError(`the client_id URL redirected more than ${o.maxRedirects} times`);
}

function getOnce(
  url: URL,
  addresses: LookupAddress[],
  o: ClientMetadataFetchOptions,
  signal: AbortSignal,
): Promise<{ body: string; location?: string }> {
  return new Promise((resolve, reject) => {
    const fail = (message: string) => reject(new ClientMetadataError(message));
    const req = request(
      url,
      {
        method: "GET",
        headers: { accept: "application/json", "user-agent": "devrev-mcp-server (client metadata)" },
        signal,
        ...(o.ca ? { ca: o.ca } : {}),
        // Connect only to the addresses just checked, so DNS cannot change its answer in between.
        lookup: (_host, opts, cb) => {
          const list = addresses as LookupAddress[];
          if ((opts as { all?: boolean }).all) (cb as (e: null, a: LookupAddress[]) => void)(null, list);
          else {
            const first = list[0] as LookupAddress;
            (cb as (e: null, a: string, f: number) => void)(null, first.address, first.family);
          }
        },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if ([301, 302, 303, 307, 308].includes(status) && res.headers.location) {
          res.resume();
          resolve({ body: "", location: res.headers.location });
          return;
        }
        if (status !== 200) {
          res.resume();
          fail(`the client metadata document answered HTTP ${status}`);
          return;
        }
        const declared = Number(res.headers["content-length"] ?? 0);
        if (declared > o.maxBytes) {
          res.destroy();
          fail(`the client metadata document is larger than ${o.maxBytes} bytes`);
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > o.maxBytes) {
            res.destroy();
            fail(`the client metadata document is larger than ${o.maxBytes} bytes`);
            return;
          }
          chunks.push(chunk);
        });
        res.on("end", () => resolve({ body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", () => fail("the client metadata document could not be read"));
      },
    );
    req.on("error", (err) =>
      fail(
        signal.aborted
          ? `the client metadata document did not arrive within ${o.timeoutMs} ms`
          : `the client metadata document could not be fetched (${(err as NodeJS.ErrnoException).code ?? "network error"})`,
      ),
    );
    req.end();
  });
}

/** Checks a fetched document: its client_id must be the URL it came from (draft-ietf-oauth-client-id-metadata-document). */
export function parseClientMetadata(clientId: string, body: string): ClientMetadata {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(body) as Record<string, unknown>;
  } catch {
    throw new ClientMetadataError("the client metadata document is not JSON");
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) {
    throw new ClientMetadataError("the client metadata document is not a JSON object");
  }
  if (doc.client_id !== clientId) {
    throw new ClientMetadataError(
      "the client metadata document's client_id is not the URL it was fetched from",
    );
  }
  const method = doc.token_endpoint_auth_method ?? "none";
  if (method !== "none") {
    throw new ClientMetadataError(
      `token_endpoint_auth_method "${String(method).slice(0, 40)}" is not supported for metadata-document clients; use "none" with PKCE`,
    );
  }
  const uris = doc.redirect_uris;
  if (!Array.isArray(uris) || uris.length === 0 || uris.length > 20) {
    throw new ClientMetadataError("the client metadata document needs 1 to 20 redirect_uris");
  }
  for (const uri of uris) {
    const problem = redirectUriProblem(uri);
    if (problem) throw new ClientMetadataError(`redirect_uris: ${problem}`);
  }
  const name =
    typeof doc.client_name === "string" && doc.client_name.trim()
      ? doc.client_name.trim().slice(0, 100)
      : new URL(clientId).host;
  const clientUri = typeof doc.client_uri === "string" ? doc.client_uri.slice(0, 500) : undefined;
  return { clientId, name, redirectUris: uris as string[], ...(clientUri ? { clientUri } : {}) };
}
