import { z } from "zod";
import type { Schemas } from "../../devrev/types.js";
import { sanitizeLine, sanitizeText } from "../../util/sanitize.js";
import { day, fields, userLabel, userRef, userRefSchema } from "../shared/format.js";
import { strip } from "../shared/strip.js";

// Engagements (beta): calls, meetings, e-mails with customers. DevRev's engagement object carries
// only its description beside the common fields, so that is what lists show.

type Engagement = Schemas["engagement"];

export const ENGAGEMENT_TYPES = [
  "call",
  "conversation",
  "custom",
  "default",
  "email",
  "linked_in",
  "meeting",
  "offline",
  "survey",
] as const;
export const CREATE_TYPES = ["call", "default", "email", "linked_in", "offline"] as const;

export const engagementSchema = z.object({
  id: z.string().describe("Full DevRev id (don:...)"),
  display_id: z.string().optional(),
  description: z.string().optional(),
  created_by: userRefSchema.optional(),
  created_date: z.string().optional(),
  modified_date: z.string().optional(),
});
export type EngagementOut = z.infer<typeof engagementSchema>;

export function toEngagement(e: Engagement, maxChars = 300): EngagementOut {
  return strip({
    id: e.id,
    display_id: e.display_id,
    description: e.description ? sanitizeText(e.description, maxChars) : undefined,
    created_by: userRef(e.created_by),
    created_date: e.created_date,
    modified_date: e.modified_date,
  });
}

export function renderEngagementLine(e: EngagementOut): string {
  const rest = fields([
    ["by", e.created_by ? userLabel(e.created_by) : undefined],
    ["created", day(e.created_date)],
    ["updated", day(e.modified_date)],
  ]);
  const text = sanitizeLine(e.description, 160) || "(no description)";
  return `${e.display_id ?? e.id} ${text}${rest ? ` — ${rest}` : ""}`;
}

export function renderEngagementDetail(e: EngagementOut): string {
  const lines = [
    `${e.display_id ?? e.id}`,
    `id: ${e.id}`,
    fields([
      ["created by", e.created_by ? userLabel(e.created_by) : undefined],
      ["created", day(e.created_date)],
      ["updated", day(e.modified_date)],
    ]),
  ].filter(Boolean);
  lines.push("", e.description ?? "(no description)");
  return lines.join("\n");
}
