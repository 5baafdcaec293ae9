import type { Request } from "express";
import type { narrow } from "../mcp/surface.js";
import { expandToolsets } from "../tools/toolsets.js";

// Per-request narrowing, as GitHub's server does it: a client may select toolsets or ask for
// read-only through a header (X-MCP-Toolsets, X-MCP-Readonly) or the URL (/mcp/x/<sets>,
// /mcp/readonly). Selected toolsets are what the request lists and all it may call; `narrow()`
// guarantees the result never exceeds what the server permits.

export type NarrowingResult =
  | { ok: true; request: Parameters<typeof narrow>[1] }
  | { ok: false; message: string };

export function parseNarrowing(req: Request): NarrowingResult {
  const request: Parameters<typeof narrow>[1] = {};
  const names: string[] = [];
  const pathSets = typeof req.params.toolsets === "string" ? req.params.toolsets : undefined;
  if (pathSets) names.push(...split(pathSets));
  const header = req.get("x-mcp-toolsets");
  if (header) names.push(...split(header));
  if (names.length) {
    const { toolsets, unknown } = expandToolsets(names);
    if (unknown.length) {
      return {
        ok: false,
        message: `Unknown toolset(s): ${unknown.join(", ")}. Call devrev_find_tools or see the tools reference for names.`,
      };
    }
    request.toolsets = toolsets;
  }
  // Express matches routes case-insensitively and with a trailing slash, so the path test must too:
  // a client that asked for /mcp/ReadOnly/ must not get the writable surface.
  if (/\/readonly\/?$/i.test(req.path)) request.readOnly = true;
  const ro = req.get("x-mcp-readonly");
  if (ro !== undefined && ro.trim() !== "") {
    if (/^(1|true|yes|on)$/i.test(ro.trim())) request.readOnly = true;
    else if (!/^(0|false|no|off)$/i.test(ro.trim())) {
      // An unreadable value must not silently leave a client that wanted read-only with writes.
      return { ok: false, message: "X-MCP-Readonly must be true or false." };
    }
  }
  return { ok: true, request };
}

function split(v: string): string[] {
  return v
    .split(/[,+ ]/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}
