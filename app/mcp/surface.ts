import type { ToolDefinition } from "./tool.js";

/**
 * What one request may see and call. A tool is visible only if it passes every toolset filter:
 * the server's, then any a request adds, so a request can narrow but never widen.
 */
export interface Surface {
  /** Each filter is a set of toolset names (`default` = the tools marked inDefault) or "all". */
  toolsetFilters: ReadonlyArray<ReadonlySet<string> | "all">;
  readOnly: boolean;
  destructive: boolean;
  beta: boolean;
}

type Gate = Pick<ToolDefinition, "toolset" | "inDefault" | "annotations" | "beta">;

export function surfaceKey(s: Surface): string {
  const sets = s.toolsetFilters.map((f) => (f === "all" ? "*" : [...f].sort().join(","))).join("/");
  return `${sets}|ro=${+s.readOnly}|d=${+s.destructive}|b=${+s.beta}`;
}

function passes(filter: ReadonlySet<string> | "all", tool: Gate): boolean {
  return filter === "all" || filter.has(tool.toolset) || (filter.has("default") && tool.inDefault === true);
}

/** Why a tool is not available on this surface, or undefined when it is. */
export function hiddenReason(tool: Gate, s: Surface): string | undefined {
  if (tool.beta && !s.beta) return "it uses DevRev beta APIs and MCP_ENABLE_BETA_TOOLS is false";
  if (!tool.annotations.readOnlyHint && s.readOnly) return "this server or request is read-only";
  if (tool.annotations.destructiveHint && !s.destructive) {
    return "destructive tools are disabled (the server operator can set MCP_ENABLE_DESTRUCTIVE_TOOLS=true)";
  }
  const failing = s.toolsetFilters.findIndex((f) => !passes(f, tool));
  if (failing === 0) {
    // The server's own filter: only its operator can add the toolset.
    return `its toolset "${tool.toolset}" is not enabled on this server (the operator adds it to MCP_TOOLSETS; a request cannot widen the server's toolsets)`;
  }
  if (failing > 0) {
    return `this request selected other toolsets (add "${tool.toolset}" to the X-MCP-Toolsets header or the /mcp/x/<toolsets> path)`;
  }
  return undefined;
}

/** Adds a request's restrictions; nothing in `request` can loosen `base`. */
export function narrow(
  base: Surface,
  request: { toolsets?: ReadonlySet<string> | "all"; readOnly?: boolean },
): Surface {
  return {
    ...base,
    toolsetFilters:
      request.toolsets && request.toolsets !== "all"
        ? [...base.toolsetFilters, request.toolsets]
        : base.toolsetFilters,
    readOnly: base.readOnly || request.readOnly === true,
  };
}
