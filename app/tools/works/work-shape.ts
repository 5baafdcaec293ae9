import { z } from "zod";
import type { Work } from "../../devrev/types.js";
import { sanitizeLine, sanitizeText } from "../../util/sanitize.js";
import { day, fields, type UserRef, userLabel, userRef, userRefSchema } from "../shared/format.js";
import { strip } from "../shared/strip.js";

// The compact form of a DevRev work item: what triage needs (ids, title, stage, owners,
// severity/priority, part, dates), without DevRev's nested metadata.

export const WORK_TYPES = ["ticket", "issue", "task", "opportunity"] as const;
export const SEVERITIES = ["blocker", "high", "medium", "low"] as const;
export const PRIORITIES = ["p0", "p1", "p2", "p3"] as const;

export const workSummarySchema = z.object({
  id: z.string().describe("Full DevRev id (don:...)"),
  display_id: z.string().optional().describe("e.g. TKT-12 or ISS-7"),
  type: z.string(),
  title: z.string(),
  stage: z.string().optional(),
  owners: z.array(userRefSchema),
  severity: z.string().optional(),
  priority: z.string().optional(),
  part: z
    .object({ id: z.string(), name: z.string().optional(), display_id: z.string().optional() })
    .optional(),
  rev_org: z.object({ id: z.string(), name: z.string().optional() }).optional(),
  tags: z.array(z.string()).optional(),
  created_date: z.string().optional(),
  modified_date: z.string().optional(),
  target_close_date: z.string().optional(),
});
export type WorkSummary = z.infer<typeof workSummarySchema>;

export const workDetailSchema = workSummarySchema.extend({
  body: z.string().optional(),
  created_by: userRefSchema.optional(),
  reported_by: z.array(userRefSchema).optional(),
  subtype: z.string().optional(),
  actual_close_date: z.string().optional(),
  sprint: z.string().optional(),
});
export type WorkDetail = z.infer<typeof workDetailSchema>;

type Loose = Record<string, unknown>;

export function toWorkSummary(w: Work): WorkSummary {
  const x = w as Work & Loose;
  const part = w.applies_to_part;
  const revOrg = x.rev_org as { id: string; display_name?: string } | undefined;
  const tags = (w.tags ?? []).map((t) => sanitizeLine(t.tag.name, 60)).filter(Boolean);
  return strip({
    id: w.id,
    display_id: w.display_id,
    type: w.type,
    title: sanitizeLine(w.title, 200),
    stage: w.stage?.name,
    owners: (w.owned_by ?? []).map(userRef).filter((u): u is UserRef => !!u),
    severity: typeof x.severity === "string" ? x.severity : undefined,
    priority: typeof x.priority === "string" ? x.priority : undefined,
    part: part
      ? strip({
          id: part.id,
          name: sanitizeLine((part as { name?: string }).name, 80) || undefined,
          display_id: part.display_id,
        })
      : undefined,
    rev_org: revOrg
      ? strip({ id: revOrg.id, name: sanitizeLine(revOrg.display_name, 80) || undefined })
      : undefined,
    tags: tags.length ? tags : undefined,
    created_date: w.created_date,
    modified_date: w.modified_date,
    target_close_date: w.target_close_date,
  });
}

export function toWorkDetail(w: Work, bodyMaxChars = 4_000): WorkDetail {
  const x = w as Work & Loose;
  const sprint = x.sprint as { name?: string; id?: string } | undefined;
  return strip({
    ...toWorkSummary(w),
    body: w.body ? sanitizeText(w.body, bodyMaxChars) : undefined,
    created_by: userRef(w.created_by),
    reported_by: w.reported_by?.map(userRef).filter((u): u is UserRef => !!u),
    subtype: w.subtype,
    actual_close_date: w.actual_close_date,
    sprint: sprint ? (sprint.name ?? sprint.id) : undefined,
  });
}

/** One line per work item: the form a model scans fastest. */
export function renderWorkLine(w: WorkSummary): string {
  const head = `${w.display_id ?? w.id} [${w.type}] ${w.title}`;
  const rest = fields([
    ["stage", w.stage],
    ["sev", w.severity],
    ["prio", w.priority],
    ["owner", w.owners.length ? w.owners.map(userLabel).join(", ") : undefined],
    ["part", w.part?.name ?? w.part?.display_id],
    ["org", w.rev_org?.name],
    ["due", day(w.target_close_date)],
    ["updated", day(w.modified_date)],
  ]);
  return rest ? `${head} — ${rest}` : head;
}

export function renderWorkDetail(w: WorkDetail): string {
  const lines = [
    `${w.display_id ?? ""} [${w.type}] ${w.title}`.trim(),
    `id: ${w.id}`,
    fields([
      ["stage", w.stage],
      ["severity", w.severity],
      ["priority", w.priority],
      ["subtype", w.subtype],
    ]),
    fields([
      ["owners", w.owners.length ? w.owners.map(userLabel).join(", ") : "none"],
      ["created by", w.created_by ? userLabel(w.created_by) : undefined],
      ["reported by", w.reported_by?.length ? w.reported_by.map(userLabel).join(", ") : undefined],
    ]),
    fields([
      ["part", w.part ? `${w.part.name ?? ""} (${w.part.display_id ?? w.part.id})`.trim() : undefined],
      ["customer", w.rev_org?.name],
      ["sprint", w.sprint],
      ["tags", w.tags?.join(", ")],
    ]),
    fields([
      ["created", day(w.created_date)],
      ["updated", day(w.modified_date)],
      ["due", day(w.target_close_date)],
      ["closed", day(w.actual_close_date)],
    ]),
  ].filter(Boolean);
  if (w.body) lines.push("", w.body);
  return lines.join("\n");
}
