import type { PromptDefinition } from "../mcp/prompt.js";
import type { ResourceDefinition } from "../mcp/resource.js";
import type { ToolDefinition } from "../mcp/tool.js";

/**
 * One folder of app/tools = one toolset: its tools, and the resources and prompts about the same
 * objects. The catalogue is the list of domains; everything else is derived from it.
 */
export interface Domain {
  toolset: string;
  description: string;
  tools: readonly ToolDefinition[];
  resources?: readonly ResourceDefinition[];
  prompts?: readonly PromptDefinition[];
}

export function defineDomain(domain: Domain): Domain {
  for (const tool of domain.tools) {
    if (tool.toolset !== domain.toolset) {
      throw new Error(`${tool.name} declares toolset "${tool.toolset}" but is listed in "${domain.toolset}"`);
    }
  }
  return domain;
}
