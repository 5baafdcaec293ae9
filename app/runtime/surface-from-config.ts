import type { Config } from "../config/config.js";
import type { Logger } from "../log/logger.js";
import type { Surface } from "../mcp/surface.js";
import { expandToolsets } from "../tools/toolsets.js";

/**
 * The widest surface this server allows; grants and requests can only narrow it. MCP_TOOLSETS
 * chooses what tools/list shows; MCP_PERMITTED_TOOLSETS (default all) what may be called at all.
 * (loadConfig refused unknown toolsets.)
 */
export function surfaceFromConfig(config: Readonly<Config>, logger?: Logger): Surface {
  const listed = config.tools.toolsets;
  // Before MCP_PERMITTED_TOOLSETS, MCP_TOOLSETS also bounded what could be called: an operator who
  // narrowed it to restrict calls is told once, at start, that it now only narrows the listing.
  if (config.tools.permittedToolsets.includes("all") && !listed.some((n) => n === "all" || n === "default")) {
    logger?.warn(
      `MCP_TOOLSETS=${listed.join(",")} only chooses what tools/list shows; every toolset stays callable ` +
        "(by name or through devrev_call_tool) because MCP_PERMITTED_TOOLSETS is all. To restrict what may be " +
        `called, set MCP_PERMITTED_TOOLSETS (e.g. ${listed.join(",")},meta).`,
    );
  }
  return {
    permitted: [expandToolsets(config.tools.permittedToolsets).toolsets],
    listed: expandToolsets(config.tools.toolsets).toolsets,
    readOnly: config.tools.readOnly,
    destructive: config.tools.destructive,
    beta: config.tools.beta,
  };
}
