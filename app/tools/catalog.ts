import type { PromptDefinition } from "../mcp/prompt.js";
import type { ResourceDefinition } from "../mcp/resource.js";
import type { ToolDefinition } from "../mcp/tool.js";
import { triageTicket } from "./prompts/triage-ticket.js";
import { meResource } from "./resources/me.js";
import { workResource } from "./resources/work.js";
import { timelineEntriesCreate } from "./timeline/create.js";
import { whoami } from "./users/whoami.js";
import { worksCreate } from "./works/create.js";
import { worksGet } from "./works/get.js";
import { worksList } from "./works/list.js";
import { worksUpdate } from "./works/update.js";

// The whole catalogue as plain lists: filtering is data, decided per request from metadata.

export const TOOLS: readonly ToolDefinition[] = [
  whoami,
  worksList,
  worksGet,
  worksCreate,
  worksUpdate,
  timelineEntriesCreate,
];

export const RESOURCES: readonly ResourceDefinition[] = [meResource, workResource];

export const PROMPTS: readonly PromptDefinition[] = [triageTicket];
