import { z } from "zod";
import type { PartSummary } from "../../devrev/types.js";
import { sanitizeLine } from "../../util/sanitize.js";
import { strip } from "./strip.js";

// How any object names the parts it applies to (articles, incidents, question-answers...).

export const partRefSchema = z.object({
  id: z.string(),
  display_id: z.string().optional(),
  name: z.string().optional(),
});
export type PartRef = z.infer<typeof partRefSchema>;

export function partRef(p: PartSummary): PartRef {
  const name = sanitizeLine((p as { name?: string }).name, 80) || undefined;
  return strip({ id: p.id, display_id: p.display_id, name });
}

export function partLabel(p: PartRef): string {
  return p.name ?? p.display_id ?? p.id;
}
