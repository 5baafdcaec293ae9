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
  const unknown = names.filter((n) => !SPECIAL.has(n) && !Object.hasOwn(TOOLSETS, n));
  // A typo beside `all` is still a typo: report it rather than silently granting everything.
  if (names.includes("all")) return { toolsets: "all", unknown };
  return { toolsets: new Set(names.filter((n) => !unknown.includes(n))), unknown };
}
