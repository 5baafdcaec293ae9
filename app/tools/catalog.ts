import type { PromptDefinition } from "../mcp/prompt.js";
import type { ResourceDefinition } from "../mcp/resource.js";
import type { ToolDefinition } from "../mcp/tool.js";
import type { Domain } from "./domain.js";
import { timeline } from "./timeline/index.js";
import { users } from "./users/index.js";
import { works } from "./works/index.js";

// The whole catalogue as plain lists: filtering is data, decided per request from metadata.

export const DOMAINS: readonly Domain[] = [works, timeline, users];

export const TOOLS: readonly ToolDefinition[] = DOMAINS.flatMap((d) => d.tools);
export const RESOURCES: readonly ResourceDefinition[] = DOMAINS.flatMap((d) => d.resources ?? []);
export const PROMPTS: readonly PromptDefinition[] = DOMAINS.flatMap((d) => d.prompts ?? []);
export const TOOLSETS: Readonly<Record<string, string>> = Object.fromEntries(
  DOMAINS.map((d) => [d.toolset, d.description]),
);
