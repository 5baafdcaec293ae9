import type { PromptDefinition } from "../mcp/prompt.js";
import type { ResourceDefinition } from "../mcp/resource.js";
import type { ToolDefinition } from "../mcp/tool.js";
import { articles } from "./articles/index.js";
import { conversations } from "./conversations/index.js";
import { customers } from "./customers/index.js";
import type { Domain } from "./domain.js";
import { engagements } from "./engagements/index.js";
import { groups } from "./groups/index.js";
import { incidents } from "./incidents/index.js";
import { links } from "./links/index.js";
import { meta } from "./meta/index.js";
import { parts } from "./parts/index.js";
import { qa } from "./qa/index.js";
import { recommendationsDomain } from "./recommendations/index.js";
import { schemas } from "./schemas/index.js";
import { searchDomain } from "./search/index.js";
import { slas } from "./slas/index.js";
import { sprints } from "./sprints/index.js";
import { tags } from "./tags/index.js";
import { timeline } from "./timeline/index.js";
import { users } from "./users/index.js";
import { works } from "./works/index.js";

// The whole catalogue as plain lists: filtering is data, decided per request from metadata.

export const DOMAINS: readonly Domain[] = [
  works,
  timeline,
  parts,
  tags,
  links,
  groups,
  slas,
  sprints,
  schemas,
  users,
  customers,
  conversations,
  articles,
  searchDomain,
  qa,
  incidents,
  engagements,
  recommendationsDomain,
  meta,
];

export const TOOLS: readonly ToolDefinition[] = DOMAINS.flatMap((d) => d.tools);
export const RESOURCES: readonly ResourceDefinition[] = DOMAINS.flatMap((d) => d.resources ?? []);
export const PROMPTS: readonly PromptDefinition[] = DOMAINS.flatMap((d) => d.prompts ?? []);
export const TOOLSETS: Readonly<Record<string, string>> = Object.fromEntries(
  DOMAINS.map((d) => [d.toolset, d.description]),
);
