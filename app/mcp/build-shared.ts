import { AjvJsonSchemaValidator } from "@modelcontextprotocol/server/validators/ajv";
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from "../devrev/request-budget.js";
import type { Auditor } from "../log/audit.js";
import { PROMPTS, RESOURCES, TOOLS, TOOLSETS } from "../tools/catalog.js";
import { SERVER_NAME, VERSION } from "../version.js";
import { PromptRegistry } from "./prompt.js";
import { type RegistryOptions, ToolRegistry } from "./registry.js";
import { ResourceRegistry } from "./resource.js";
import type { McpShared } from "./server.js";

// Conventions every tool shares are stated once here, so tool descriptions need not repeat them.
const INSTRUCTIONS = [
  "Tools for DevRev: tickets (customer problems), issues (engineering work), parts (products/features),",
  "customers (accounts, rev orgs), articles and conversations.",
  "Ids: every tool taking an id accepts display ids (TKT-12, ISS-7, ACC-3, PROD-1), full don: ids and DevRev URLs;",
  '"me" means the connected user wherever a user is expected.',
  "Lists page with cursor/limit (default 25, max 100): pass next_cursor back as cursor. Dates are ISO-8601.",
  "Writes act as the connected user with their DevRev permissions; create calls are not idempotent.",
  "Ask before changing, deleting or commenting on customer-visible items.",
  "If no listed tool fits, devrev_find_tools searches the whole catalogue and devrev_call_tool runs what it found.",
].join(" ");

// The server's icon, inline so it needs no public URL and no extra route: a 32 px rounded square.
const SERVER_ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1f2937"/>' +
  '<text x="16" y="21" font-family="sans-serif" font-size="13" font-weight="700" fill="#fff" text-anchor="middle">DR</text></svg>';
const SERVER_ICON = {
  src: `data:image/svg+xml;base64,${Buffer.from(SERVER_ICON_SVG).toString("base64")}`,
  mimeType: "image/svg+xml",
  sizes: ["any"],
};

/** Everything requests share, built once at start (schemas converted here, not per request). */
export function buildMcpShared(
  auditor: Auditor,
  maxResultChars: number,
  requestLimits: Partial<RequestLimits> = {},
  registryOptions: RegistryOptions = {},
): McpShared {
  const registry = new ToolRegistry(TOOLS, registryOptions);
  const tool = (name: string) => registry.get(name)?.def;
  return {
    info: { name: SERVER_NAME, version: VERSION, title: "DevRev MCP server", icons: [SERVER_ICON] },
    instructions: INSTRUCTIONS,
    registry,
    resources: new ResourceRegistry(RESOURCES, tool),
    prompts: new PromptRegistry(PROMPTS, tool),
    // One validator for every per-request Server (v2 builds its Ajv engines on first use, which
    // is only an elicitation answer on a 2025-era stdio connection).
    validator: new AjvJsonSchemaValidator(),
    auditor,
    limits: { maxResultChars },
    requestLimits: { ...DEFAULT_REQUEST_LIMITS, ...requestLimits },
    toolsets: TOOLSETS,
  };
}
