import type { Config } from "../config/config.js";
import type { Surface } from "../mcp/surface.js";
import { expandToolsets } from "../tools/toolsets.js";

/** The widest surface this server allows; requests can only narrow it. (loadConfig refused unknown toolsets.) */
export function surfaceFromConfig(config: Readonly<Config>): Surface {
  return {
    toolsetFilters: [expandToolsets(config.tools.toolsets).toolsets],
    readOnly: config.tools.readOnly,
    destructive: config.tools.destructive,
    beta: config.tools.beta,
  };
}
