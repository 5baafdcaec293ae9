import type { Config } from "../config/config.js";
import { ConfigError } from "../config/config.js";
import type { Surface } from "../mcp/surface.js";
import { expandToolsets, TOOLSET_NAMES } from "../tools/toolsets.js";

/** The widest surface this server allows; requests can only narrow it. */
export function surfaceFromConfig(config: Readonly<Config>): Surface {
  const { toolsets, unknown } = expandToolsets(config.tools.toolsets);
  if (unknown.length) {
    throw new ConfigError([
      `MCP_TOOLSETS: unknown toolset(s) ${unknown.join(", ")}; use default, all, or any of ${TOOLSET_NAMES.join(", ")}`,
    ]);
  }
  return {
    toolsetFilters: [toolsets],
    readOnly: config.tools.readOnly,
    destructive: config.tools.destructive,
    beta: config.tools.beta,
  };
}
