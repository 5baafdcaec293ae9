import type { Request } from "express";
import type { narrow } from "../mcp/surface.js";
import { expandToolsets } from "../tools/toolsets.js";

// Per-request narrowing, as GitHub's server does it: a client may ask for fewer toolsets or for
// read-only through a header (X-MCP-Toolsets, X-MCP-Readonly) or the URL (/mcp/x/<sets>,
// /mcp/readonly). `narrow()` guarantees the result never exceeds what the server allows.

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
  const ro = req.get("x-mcp-readonly");
  if (req.path.endsWith("/readonly") || (ro !== undefined && /^(1|true|yes|on)$/i.test(ro.trim())))
    request.readOnly = true;
  return { ok: true, request };
}

function split(v: string): string[] {
  return v
    .split(/[,+ ]/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}
