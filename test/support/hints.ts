// A tool's hints as a client reads them: tools/list states only those that differ from MCP's
// defaults (app/mcp/registry.ts advertisedHints), and a client fills in the rest.

export interface Hints {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

const MCP_DEFAULTS: Hints = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: false,
  openWorldHint: true,
};

export function hintsOf(tool: { annotations?: Partial<Hints> | undefined } | undefined): Hints {
  return { ...MCP_DEFAULTS, ...tool?.annotations };
}
