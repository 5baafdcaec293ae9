import { TOOLSETS } from "./catalog.js";

// `default` is the small everyday surface (the tools marked inDefault, at most 25); `all` is
// everything. Other toolsets are opt-in with MCP_TOOLSETS, the X-MCP-Toolsets header or
// /mcp/x/<toolsets>, so tool lists stay small.

export const TOOLSET_NAMES = Object.keys(TOOLSETS);
const SPECIAL = new Set(["default", "all"]);

/** Keeps `default` as a filter member and reports unknown names instead of ignoring them. */
export function expandToolsets(names: readonly string[]): {
  toolsets: Set<string> | "all";
  unknown: string[];
} {
  if (names.includes("all")) return { toolsets: "all", unknown: [] };
  const unknown = names.filter((n) => !SPECIAL.has(n) && !(n in TOOLSETS));
  return { toolsets: new Set(names.filter((n) => !unknown.includes(n))), unknown };
}
