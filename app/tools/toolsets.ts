// Toolsets group tools by what a person is doing. `default` is the small everyday surface;
// everything else is opt-in with MCP_TOOLSETS, a header or the URL, so tool lists stay small.

export interface ToolsetInfo {
  description: string;
  inDefault: boolean;
}

export const TOOLSETS: Record<string, ToolsetInfo> = {
  works: { description: "Tickets, issues and tasks: list, read, create, update, comment", inDefault: true },
  users: { description: "Who am I, and the people in the DevRev org", inDefault: true },
};

export const TOOLSET_NAMES = Object.keys(TOOLSETS);

/** Expands `default` and `all`; unknown names are reported, not silently ignored. */
export function expandToolsets(names: readonly string[]): { toolsets: Set<string> | "all"; unknown: string[] } {
  if (names.includes("all")) return { toolsets: "all", unknown: [] };
  const out = new Set<string>();
  const unknown: string[] = [];
  for (const name of names) {
    if (name === "default") {
      for (const [n, info] of Object.entries(TOOLSETS)) if (info.inDefault) out.add(n);
    } else if (name in TOOLSETS) out.add(name);
    else unknown.push(name);
  }
  return { toolsets: out, unknown };
}
