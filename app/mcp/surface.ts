import type { ToolDefinition } from "./tool.js";

/** What one request may see and call. Built from server config, optionally narrowed per request. */
export interface Surface {
  /** Toolset names (already expanded), or every toolset. */
  toolsets: ReadonlySet<string> | "all";
  readOnly: boolean;
  destructive: boolean;
  beta: boolean;
}

export function surfaceKey(s: Surface): string {
  const sets = s.toolsets === "all" ? "*" : [...s.toolsets].sort().join(",");
  return `${sets}|ro=${+s.readOnly}|d=${+s.destructive}|b=${+s.beta}`;
}

/** Why a tool is not available on this surface, or undefined when it is. */
export function hiddenReason(tool: ToolDefinition, s: Surface): string | undefined {
  if (tool.beta && !s.beta) return "it uses DevRev beta APIs and MCP_ENABLE_BETA_TOOLS is false";
  if (!tool.annotations.readOnlyHint && s.readOnly) return "this server or request is read-only";
  if (tool.annotations.destructiveHint && !s.destructive) {
    return "destructive tools are disabled (the server operator can set MCP_ENABLE_DESTRUCTIVE_TOOLS=true)";
  }
  if (s.toolsets !== "all" && !s.toolsets.has(tool.toolset)) {
    return `its toolset "${tool.toolset}" is not enabled (enable it with MCP_TOOLSETS, or list it with devrev_find_tools)`;
  }
  return undefined;
}

/** A narrowing request can only remove: the result is never wider than `base`. */
export function narrow(base: Surface, request: Partial<Surface>): Surface {
  let toolsets = base.toolsets;
  if (request.toolsets !== undefined) {
    const wanted = request.toolsets;
    if (wanted !== "all") {
      toolsets = new Set([...wanted].filter((t) => base.toolsets === "all" || base.toolsets.has(t)));
    }
  }
  return {
    toolsets,
    readOnly: base.readOnly || request.readOnly === true,
    destructive: base.destructive && request.destructive !== false,
    beta: base.beta && request.beta !== false,
  };
}
