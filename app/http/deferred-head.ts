import type { ServerResponse } from "node:http";

export interface HeadOverride {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Holds back the status line until the first byte of the body. The MCP transport commits "200"
 * as soon as it opens an SSE stream, before any tool has run; deferring lets a tool that finds
 * the caller's PAT revoked mid-request still turn the answer into an HTTP 401 (the body's first
 * byte is then the tool's result, replaced). Once any byte has gone out, nothing is overridden.
 */
export function deferHeadUntilBody(res: ServerResponse, override: () => HeadOverride | undefined): void {
  const writeHead = res.writeHead.bind(res);
  // Untyped on purpose: write/end have several overloads and are only forwarded unchanged.
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  let pendingHead: Parameters<ServerResponse["writeHead"]> | undefined;
  let decided = false;
  let replaced = false;

  const decide = () => {
    if (decided) return;
    decided = true;
    const o = override();
    if (o) {
      replaced = true;
      for (const name of res.getHeaderNames()) if (name.startsWith("content-")) res.removeHeader(name);
      writeHead(o.status, {
        ...o.headers,
        "Content-Type": "application/json",
        "Content-Length": String(Buffer.byteLength(o.body)),
      });
      end(o.body);
    } else if (pendingHead) {
      writeHead(...pendingHead);
    }
  };

  res.writeHead = ((...args: Parameters<ServerResponse["writeHead"]>) => {
    pendingHead = args;
    return res;
  }) as ServerResponse["writeHead"];
  res.flushHeaders = () => {};
  res.write = ((...args: unknown[]) => {
    decide();
    return replaced ? true : write(...args);
  }) as ServerResponse["write"];
  res.end = ((...args: unknown[]) => {
    decide();
    return replaced ? res : end(...args);
  }) as ServerResponse["end"];
}
