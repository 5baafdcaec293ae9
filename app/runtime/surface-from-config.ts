import type { Config } from "../config/config.js";
import type { Surface } from "../mcp/surface.js";
import { expandToolsets } from "../tools/toolsets.js";

/**
 * The widest surface this server allows; grants and requests can only narrow it. MCP_TOOLSETS
 * chooses what tools/list shows; MCP_PERMITTED_TOOLSETS what may be called at all (unset: all when
 * MCP_TOOLSETS is unset too, else the same toolsets as MCP_TOOLSETS; see loadConfig).
 * (loadConfig refused unknown toolsets.)
 */
export function surfaceFromConfig(config: Readonly<Config>): Surface {
  return {
    permitted: [expandToolsets(config.tools.permittedToolsets).toolsets],
    listed: expandToolsets(config.tools.toolsets).toolsets,
    readOnly: config.tools.readOnly,
    destructive: config.tools.destructive,
    beta: config.tools.beta,
  };
}
