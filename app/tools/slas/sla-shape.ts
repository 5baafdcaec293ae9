import { z } from "zod";
import type { Schemas } from "../../devrev/types.js";
import { sanitizeLine, sanitizeText } from "../../util/sanitize.js";
import { fields } from "../shared/format.js";

export const slaSchema = z.object({
  id: z.string(),
  display_id: z.string().optional(),
  name: z.string(),
  description: z.string().optional(),
  sla_type: z.string().optional(),
  status: z.string().optional(),
  evaluation_period: z.string().optional(),
  policies: z.number().int().optional(),
});
export type SlaShape = z.infer<typeof slaSchema>;

export function toSla(s: Schemas["sla"]): SlaShape {
  const description = s.description ? sanitizeText(s.description, 500) : "";
  return {
    id: s.id,
    ...(s.display_id ? { display_id: s.display_id } : {}),
    name: sanitizeLine(s.name, 120) || "(unnamed)",
    ...(description ? { description } : {}),
    ...(s.sla_type ? { sla_type: s.sla_type } : {}),
    ...(s.status ? { status: s.status } : {}),
    ...(s.evaluation_period ? { evaluation_period: s.evaluation_period } : {}),
    ...(s.policies ? { policies: s.policies.length } : {}),
  };
}

export function renderSlaLine(s: SlaShape): string {
  const rest = fields([
    ["type", s.sla_type],
    ["status", s.status],
    ["period", s.evaluation_period],
  ]);
  return `${s.display_id ?? ""} ${s.name}${rest ? ` — ${rest}` : ""} · id: ${s.id}`.trim();
}
