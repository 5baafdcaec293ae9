import { z } from "zod";
import type { Schemas } from "../../devrev/types.js";
import { sanitizeLine, sanitizeText } from "../../util/sanitize.js";
import { day, fields, type UserRef, userLabel, userRef, userRefSchema } from "../shared/format.js";
import { partLabel, partRef, partRefSchema } from "../shared/part-ref.js";
import { strip } from "../shared/strip.js";

// Incidents (beta): outages and degradations, with a numeric severity DevRev labels (Sev0 worst)
// and a custom stage (acknowledged, identified, mitigated, resolved).

type Incident = Schemas["incident"];

export const incidentSummarySchema = z.object({
  id: z.string().describe("Full DevRev id (don:...)"),
  display_id: z.string().optional().describe("e.g. INC-4"),
  title: z.string(),
  severity: z.string().optional().describe("DevRev's label, e.g. Sev1"),
  stage: z.string().optional(),
  owners: z.array(userRefSchema),
  parts: z.array(partRefSchema).optional(),
  identified_date: z.string().optional(),
  mitigated_date: z.string().optional(),
  target_close_date: z.string().optional(),
  actual_close_date: z.string().optional(),
  modified_date: z.string().optional(),
});
export type IncidentSummary = z.infer<typeof incidentSummarySchema>;

export const incidentDetailSchema = incidentSummarySchema.extend({
  body: z.string().optional(),
  tags: z.array(z.string()).optional(),
  created_date: z.string().optional(),
});
export type IncidentDetail = z.infer<typeof incidentDetailSchema>;

export function toIncidentSummary(i: Incident): IncidentSummary {
  const parts = (i.applies_to_parts ?? []).map(partRef);
  return strip({
    id: i.id,
    display_id: i.display_id,
    title: sanitizeLine(i.title, 200) || "(untitled)",
    severity: i.severity ? sanitizeLine(i.severity.label, 40) || `${i.severity.id}` : undefined,
    stage: sanitizeLine(i.stage?.stage?.name, 60) || undefined,
    owners: (i.owned_by ?? []).map(userRef).filter((u): u is UserRef => !!u),
    parts: parts.length ? parts : undefined,
    identified_date: i.identified_date,
    mitigated_date: i.mitigated_date,
    target_close_date: i.target_close_date,
    actual_close_date: i.actual_close_date,
    modified_date: i.modified_date,
  });
}

export function toIncidentDetail(i: Incident, bodyChars = 6_000): IncidentDetail {
  const tags = (i.tags ?? []).map((t) => sanitizeLine(t.tag.name, 60)).filter(Boolean);
  return strip({
    ...toIncidentSummary(i),
    body: i.body ? sanitizeText(i.body, bodyChars) : undefined,
    tags: tags.length ? tags : undefined,
    created_date: i.created_date,
  });
}

export function renderIncidentLine(i: IncidentSummary): string {
  const rest = fields([
    ["sev", i.severity],
    ["stage", i.stage],
    ["owner", i.owners.length ? i.owners.map(userLabel).join(", ") : undefined],
    ["part", i.parts?.map(partLabel).join(", ")],
    ["identified", day(i.identified_date)],
    ["mitigated", day(i.mitigated_date)],
    ["closed", day(i.actual_close_date)],
  ]);
  const head = `${i.display_id ?? i.id} ${i.title}`;
  return rest ? `${head} — ${rest}` : head;
}

export function renderIncidentDetail(i: IncidentDetail): string {
  const lines = [
    `${i.display_id ?? ""} ${i.title}`.trim(),
    `id: ${i.id}`,
    fields([
      ["severity", i.severity],
      ["stage", i.stage],
      ["owners", i.owners.length ? i.owners.map(userLabel).join(", ") : "none"],
    ]),
    fields([
      ["parts", i.parts?.map((p) => `${partLabel(p)} (${p.display_id ?? p.id})`).join(", ")],
      ["tags", i.tags?.join(", ")],
    ]),
    fields([
      ["identified", day(i.identified_date)],
      ["mitigated", day(i.mitigated_date)],
      ["target close", day(i.target_close_date)],
      ["closed", day(i.actual_close_date)],
      ["updated", day(i.modified_date)],
    ]),
  ].filter(Boolean);
  if (i.body) lines.push("", i.body);
  return lines.join("\n");
}
