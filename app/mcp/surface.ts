import type { ToolAnnotations, ToolDefinition } from "./tool.js";

// Two questions per request, kept apart so the model's context stays small without making the
// rest of the catalogue unreachable:
// - permitted: may this tool be called at all? The operator's policy (MCP_PERMITTED_TOOLSETS,
//   read-only, destructive, beta), narrowed by the OAuth grant and by the request's own
//   toolsets/read-only (header or URL). Nothing a request sends can widen it.
// - listed: does tools/list show it? Only permitted tools, and of those the toolsets the request
//   selected (X-MCP-Toolsets, /mcp/x/<sets>) or else the operator's MCP_TOOLSETS.
// A permitted tool that is not listed is still callable: by name, or through devrev_call_tool
// after devrev_find_tools showed its schema. Resources, prompts and completions name the tools
// whose data they return (`needs`) and follow the permitted surface of those tools.

/** A set of toolset names (`default` = the tools marked inDefault) or "all". */
export type ToolsetFilter = ReadonlySet<string> | "all";

export interface Surface {
  /** A tool may be called only if it passes every filter: the operator's first, then any narrowing. */
  permitted: readonly ToolsetFilter[];
  /** Which permitted tools tools/list shows: the request's selection, else MCP_TOOLSETS. */
  listed: ToolsetFilter;
  readOnly: boolean;
  destructive: boolean;
  beta: boolean;
}

type Gate = Pick<ToolDefinition, "toolset" | "inDefault" | "annotations" | "beta" | "forwards">;

export function surfaceKey(s: Surface): string {
  const key = (f: ToolsetFilter) => (f === "all" ? "*" : [...f].sort().join(","));
  return `${s.permitted.map(key).join("/")}|l=${key(s.listed)}|ro=${+s.readOnly}|d=${+s.destructive}|b=${+s.beta}`;
}

function passes(filter: ToolsetFilter, tool: Gate): boolean {
  return filter === "all" || filter.has(tool.toolset) || (filter.has("default") && tool.inDefault === true);
}

/** Why a tool may not be called on this surface, or undefined when it may. */
export function refusedReason(tool: Gate, s: Surface): string | undefined {
  // A forwarding tool (devrev_call_tool) checks each tool it runs against this same surface, so
  // read-only and destructive settings apply to what it runs, not to it.
  if (!tool.forwards) {
    if (tool.beta && !s.beta) return "it uses DevRev beta APIs and MCP_ENABLE_BETA_TOOLS is false";
    if (!tool.annotations.readOnlyHint && s.readOnly) return "this server or request is read-only";
    if (tool.annotations.destructiveHint && !s.destructive) {
      return "destructive tools are disabled (the server operator can set MCP_ENABLE_DESTRUCTIVE_TOOLS=true)";
    }
  }
  const failing = s.permitted.findIndex((f) => !passes(f, tool));
  if (failing === 0) {
    // The server's own filter: only its operator can add the toolset.
    return `its toolset "${tool.toolset}" is not permitted on this server (the operator adds it to MCP_PERMITTED_TOOLSETS; a request cannot widen what the server permits)`;
  }
  if (failing > 0) {
    return `this request selected other toolsets (add "${tool.toolset}" to the X-MCP-Toolsets header or the /mcp/x/<toolsets> path)`;
  }
  return undefined;
}

/**
 * What tools/list shows: the permitted tools of the listed toolsets. A forwarding tool is shown
 * only while some permitted tool is not, since otherwise every tool it could run is listed anyway.
 */
export function listedTools<T extends Gate>(tools: readonly T[], s: Surface): T[] {
  const listed = tools.filter((t) => passes(s.listed, t) && !refusedReason(t, s));
  const unlisted = tools.some((t) => !t.forwards && !listed.includes(t) && !refusedReason(t, s));
  return unlisted ? listed : listed.filter((t) => !t.forwards);
}

/**
 * The hints of a forwarding tool on this surface: the widest of what it may run there. A client
 * that skips asking for read-only tools skips it only when nothing it can run writes; one that
 * warns before destructive tools warns only when a destructive tool is permitted.
 */
export function forwardingAnnotations(tools: readonly Gate[], s: Surface): ToolAnnotations {
  const runnable = tools.filter((t) => !t.forwards && !refusedReason(t, s));
  return {
    readOnlyHint: runnable.every((t) => t.annotations.readOnlyHint),
    destructiveHint: runnable.some((t) => t.annotations.destructiveHint),
    idempotentHint: runnable.every((t) => t.annotations.idempotentHint),
    openWorldHint: runnable.some((t) => t.annotations.openWorldHint),
  };
}

/** Why the data of `needs` (tool names) may not be read here, or undefined when it may. */
export function needsRefusal(
  needs: readonly string[],
  lookup: (name: string) => Gate | undefined,
  s: Surface,
): string | undefined {
  for (const name of needs) {
    const tool = lookup(name);
    // Checked at start (the registries refuse an unknown name); a missing one is refused, not read.
    if (!tool) return `it reads data of ${name}, which this server does not have`;
    const reason = refusedReason(tool, s);
    if (reason) return `it reads what ${name} reads, and ${name} is not permitted: ${reason}`;
  }
  return undefined;
}

/**
 * Adds restrictions (a grant's or a request's); nothing in `request` can loosen `base`. A
 * request's toolsets narrow what may be called to them and select what is listed (within what is
 * permitted, so the listing never shows a tool the server refuses).
 */
export function narrow(base: Surface, request: { toolsets?: ToolsetFilter; readOnly?: boolean }): Surface {
  const { toolsets } = request;
  return {
    ...base,
    // "all" narrows nothing, and lists every permitted tool: the client chose the bigger context.
    permitted: toolsets && toolsets !== "all" ? [...base.permitted, toolsets] : base.permitted,
    listed: toolsets ?? base.listed,
    readOnly: base.readOnly || request.readOnly === true,
  };
}
