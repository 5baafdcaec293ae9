import { z } from "zod";
import { collect } from "../../devrev/paginate.js";
import type { Schemas } from "../../devrev/types.js";
import type { ToolContext } from "../../mcp/tool.js";
import { sanitizeLine } from "../../util/sanitize.js";
import { day, fields } from "../shared/format.js";

// A link is a typed edge: source --link_type--> target (TKT-3 is_related_to ISS-5). Endpoints are
// rendered as what a person recognises: display id, type, title, stage, severity or priority.

export type LinkType = Schemas["link-type"];
export type LinkEndpointType = Schemas["link-endpoint-type"];

export const LINK_TYPES = [
  "is_related_to",
  "is_dependent_on",
  "is_duplicate_of",
  "is_parent_of",
  "is_part_of",
  "is_follow_up_of",
  "is_merged_into",
  "is_converted_to",
  "is_analyzed_by",
  "developed_with",
  "imports",
  "serves",
] as const satisfies readonly LinkType[];

export const endpointSchema = z.object({
  id: z.string(),
  display_id: z.string().optional(),
  type: z.string(),
  title: z.string().optional(),
  stage: z.string().optional(),
  severity: z.string().optional(),
  priority: z.string().optional(),
  customer: z.string().optional(),
});
export type Endpoint = z.infer<typeof endpointSchema>;

export const linkSchema = z.object({
  id: z.string(),
  link_type: z.string(),
  source: endpointSchema,
  target: endpointSchema,
  created_date: z.string().optional(),
});
export type LinkShape = z.infer<typeof linkSchema>;

type Loose = Record<string, unknown>;

export function toEndpoint(e: Schemas["link-endpoint-summary"] | undefined): Endpoint {
  if (!e) return { id: "(unknown)", type: "unknown" };
  const x = e as unknown as Loose;
  const str = (k: string) => (typeof x[k] === "string" ? (x[k] as string) : undefined);
  const title = str("title") ?? str("name") ?? str("display_name");
  const stage = (x.stage as { name?: string } | undefined)?.name;
  const customer = (x.rev_org as { display_name?: string } | undefined)?.display_name;
  return {
    id: e.id,
    ...(str("display_id") ? { display_id: str("display_id") } : {}),
    type: e.type,
    ...(title ? { title: sanitizeLine(title, 120) } : {}),
    ...(stage ? { stage } : {}),
    ...(str("severity") ? { severity: str("severity") } : {}),
    ...(str("priority") ? { priority: str("priority") } : {}),
    ...(customer ? { customer: sanitizeLine(customer, 80) } : {}),
  };
}

export function toLink(l: Schemas["link"]): LinkShape {
  return {
    id: l.id,
    link_type: l.link_type ?? "unknown",
    source: toEndpoint(l.source),
    target: toEndpoint(l.target),
    ...(l.created_date ? { created_date: l.created_date } : {}),
  };
}

export function renderEndpoint(e: Endpoint): string {
  const head = `${e.display_id ?? e.id} [${e.type}]${e.title ? ` ${e.title}` : ""}`;
  const rest = fields([
    ["stage", e.stage],
    ["sev", e.severity],
    ["prio", e.priority],
    ["org", e.customer],
  ]);
  return rest ? `${head} (${rest})` : head;
}

/** From the point of view of `objectId`: `→ is_related_to ISS-5 …` or `← ISS-3 … is_dependent_on this`. */
export function renderLinkLine(l: LinkShape, objectId?: string): string {
  const tail = ` · link: ${l.id}${l.created_date ? ` · ${day(l.created_date)}` : ""}`;
  if (objectId && l.target.id === objectId && l.source.id !== objectId)
    return `← ${renderEndpoint(l.source)} ${l.link_type} this${tail}`;
  if (objectId && l.source.id === objectId) return `→ ${l.link_type} ${renderEndpoint(l.target)}${tail}`;
  return `${renderEndpoint(l.source)} —${l.link_type}→ ${renderEndpoint(l.target)}${tail}`;
}

/** The other end of a link, seen from `objectId`. */
export function otherEnd(l: LinkShape, objectId: string): Endpoint {
  return l.source.id === objectId ? l.target : l.source;
}

/** Up to `max` links of an object (both directions), for prompts; at most 3 pages. */
export async function fetchLinks(
  objectId: string,
  ctx: ToolContext,
  options: { max?: number; objectTypes?: LinkEndpointType[] } = {},
): Promise<{ links: LinkShape[]; truncated: boolean }> {
  const max = options.max ?? 25;
  const res = await collect(
    async (cursor) => {
      const page = await ctx.call("links.list", {
        object: objectId,
        limit: Math.min(50, max),
        ...(cursor ? { cursor } : {}),
        ...(options.objectTypes ? { object_types: options.objectTypes } : {}),
      });
      return { items: page.links, nextCursor: page.next_cursor };
    },
    { maxItems: max, maxPages: 3 },
  );
  return { links: res.items.map(toLink), truncated: res.truncated };
}
