import { DevRevError } from "./errors.js";

// Article bodies live in DevRev artifacts: artifacts.locate answers a short-lived download URL and
// artifacts.prepare an upload form. Those URLs come from DevRev's answer, so they are checked
// before anything is fetched or sent: only the hosts the operator configured as DevRev's file
// store (DEVREV_ARTIFACT_HOSTS; by default *.devrev.ai and the API's own host), only https (plain
// http only on the API's own origin, which is the sandbox's case), no redirects, and a size and a
// time bound on every transfer. A tampered or unexpected URL is refused, never followed.

export interface ArtifactPolicy {
  /** Exact hosts (`files.devrev.ai`) or wildcard suffixes (`*.devrev.ai`), lower case. */
  allowedHosts: readonly string[];
  /** The DevRev API base URL: its origin may be plain http (a local sandbox). */
  apiBaseUrl: string;
  /** Largest body downloaded; a longer one is cut there and marked truncated. */
  maxBytes: number;
  /** Per-transfer time bound. */
  timeoutMs: number;
}

/** The hosts allowed by default: DevRev's domain and the host of the API in use. */
export function defaultArtifactHosts(apiBaseUrl: string): string[] {
  return ["*.devrev.ai", new URL(apiBaseUrl).hostname.toLowerCase()];
}

/** Whether `url` points at DevRev's file store under `policy`, with the reason when not. */
export function checkArtifactUrl(
  url: string,
  policy: Pick<ArtifactPolicy, "allowedHosts" | "apiBaseUrl">,
): { ok: true; url: URL } | { ok: false; reason: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: "it is not a URL" };
  }
  const api = new URL(policy.apiBaseUrl);
  const sameOriginAsApi = parsed.origin === api.origin;
  if (parsed.protocol !== "https:" && !sameOriginAsApi) return { ok: false, reason: "it is not https" };
  if (parsed.username || parsed.password) return { ok: false, reason: "it carries credentials" };
  const host = parsed.hostname.toLowerCase();
  const allowed = policy.allowedHosts.some((pattern) =>
    pattern.startsWith("*.")
      ? host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1
      : host === pattern,
  );
  if (!allowed) return { ok: false, reason: `its host ${host} is not in DEVREV_ARTIFACT_HOSTS` };
  return { ok: true, url: parsed };
}

export interface Downloaded {
  bytes: Uint8Array;
  contentType: string;
  /** The body was longer than `maxBytes` and is cut there. */
  truncated: boolean;
}

export interface ArtifactFiles {
  download(url: string, signal: AbortSignal): Promise<Downloaded>;
  /** Posts the prepared form fields, then the file, as DevRev's presigned upload expects. */
  upload(
    url: string,
    fields: ReadonlyArray<{ key: string; value: string }>,
    file: { name: string; type: string; data: Uint8Array },
    signal: AbortSignal,
  ): Promise<void>;
}

type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export function createArtifactFiles(policy: ArtifactPolicy, fetchImpl: FetchLike = fetch): ArtifactFiles {
  const checked = (url: string, operation: string): URL => {
    const verdict = checkArtifactUrl(url, policy);
    if (!verdict.ok)
      throw new DevRevError("invalid_response", {
        operation,
        message: `refused the artifact URL DevRev returned: ${verdict.reason}`,
      });
    return verdict.url;
  };
  const bounded = (signal: AbortSignal) => AbortSignal.any([signal, AbortSignal.timeout(policy.timeoutMs)]);
  const send = async (operation: string, url: URL, init: RequestInit): Promise<Response> => {
    let res: Response;
    try {
      res = await fetchImpl(url.href, { ...init, redirect: "manual" });
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
      throw new DevRevError(timedOut ? "timeout" : "network", {
        operation,
        message: timedOut ? `no answer within ${policy.timeoutMs} ms` : "the file store could not be reached",
        cause: err,
      });
    }
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel();
      throw new DevRevError("invalid_response", {
        operation,
        status: res.status,
        message: "refused a redirect",
      });
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new DevRevError(
        res.status >= 500 ? "server_error" : res.status === 404 ? "not_found" : "forbidden",
        {
          operation,
          status: res.status,
          message: "the file store refused the request",
        },
      );
    }
    return res;
  };

  return {
    async download(url, signal) {
      const target = checked(url, "artifact download");
      const res = await send("artifact download", target, { method: "GET", signal: bounded(signal) });
      const { bytes, truncated } = await readAtMost(res, policy.maxBytes);
      return { bytes, truncated, contentType: (res.headers.get("content-type") ?? "").toLowerCase() };
    },
    async upload(url, fields, file, signal) {
      const target = checked(url, "artifact upload");
      const form = new FormData();
      for (const { key, value } of fields) form.append(key, value);
      form.append("file", new Blob([file.data], { type: file.type }), file.name);
      const res = await send("artifact upload", target, {
        method: "POST",
        body: form,
        signal: bounded(signal),
      });
      await res.body?.cancel();
    },
  };
}

/** Reads the body up to `max` bytes and stops the transfer there. */
async function readAtMost(res: Response, max: number): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  if (!res.body) return { bytes: new Uint8Array(), truncated: false };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = max - size;
    if (value.length > room) {
      chunks.push(value.subarray(0, room));
      size = max;
      truncated = true;
      await reader.cancel();
      break;
    }
    chunks.push(value);
    size += value.length;
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return { bytes, truncated };
}
