import type { ServerResponse } from "node:http";
import type { ReadableStreamReadResult } from "node:stream/web";

export interface HeadOverride {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Writes a web `Response` (what the v2 SDK's handler answers) to a Node response. The status line
 * waits for the body's first chunk: a stateless 2025-era answer is an SSE stream whose 200 the SDK
 * decides before any tool has run, and a tool that finds the caller's PAT revoked mid-request must
 * still turn the answer into a 401 (`override`). Once a byte has gone out, nothing is overridden.
 * Returns false when the response could not be written (already answered, or the client left).
 */
export async function writeWebResponse(
  res: ServerResponse,
  response: Response,
  override: () => HeadOverride | undefined,
): Promise<boolean> {
  const reader = response.body?.getReader();
  let first: ReadableStreamReadResult<Uint8Array> = { done: true, value: undefined };
  try {
    if (reader) first = await reader.read();
  } catch {
    // The stream failed before its first byte (the exchange was aborted): nothing to write.
  }
  if (res.headersSent || res.writableEnded || res.destroyed) {
    void reader?.cancel().catch(() => {});
    return false;
  }
  const replaced = override();
  if (replaced) {
    void reader?.cancel().catch(() => {});
    res.writeHead(replaced.status, {
      ...replaced.headers,
      "Content-Type": "application/json",
      "Content-Length": String(Buffer.byteLength(replaced.body)),
    });
    res.end(replaced.body);
    return true;
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  if (first.done || !reader) {
    res.end();
    return true;
  }
  // Streams (SSE) are flushed chunk by chunk, honouring backpressure; the client leaving cancels.
  const onClose = () => void reader.cancel().catch(() => {});
  res.once("close", onClose);
  try {
    let chunk: ReadableStreamReadResult<Uint8Array> = first;
    while (!chunk.done) {
      if (!res.write(chunk.value)) await waitForDrain(res);
      if (res.destroyed) break;
      chunk = await reader.read();
    }
  } catch {
    // The exchange ended early (aborted, or the client left); end what was sent.
  } finally {
    res.off("close", onClose);
    if (!res.writableEnded) res.end();
  }
  return true;
}

function waitForDrain(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.once("drain", done);
    res.once("close", done);
  });
}
