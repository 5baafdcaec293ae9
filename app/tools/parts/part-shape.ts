import { z } from "zod";
import type { Schemas } from "../../devrev/types.js";
import { sanitizeLine, sanitizeText } from "../../util/sanitize.js";
import { day, fields, type UserRef, userLabel, userRef, userRefSchema } from "../shared/format.js";

// Parts are DevRev's product tree: products > capabilities > features, plus enhancements
// (planned improvements). Work items apply to a part.

export const PART_TYPES = ["product", "capability", "feature", "enhancement"] as const;
export type Part = Schemas["part"];

export const partSchema = z.object({
  id: z.string(),
  display_id: z.string().optional(),
  type: z.string(),
  name: z.string(),
  description: z.string().optional(),
  owners: z.array(userRefSchema),
  tags: z.array(z.string()).optional(),
  created_date: z.string().optional(),
  modified_date: z.string().optional(),
  target_close_date: z.string().optional(),
});
export type PartShape = z.infer<typeof partSchema>;

export function toPart(p: Part, descriptionMaxChars = 500): PartShape {
  const x = p as Part & { target_close_date?: string };
  const tags = (p.tags ?? []).map((t) => sanitizeLine(t.tag.name, 60)).filter(Boolean);
  const description = p.description ? sanitizeText(p.description, descriptionMaxChars) : "";
  return {
    id: p.id,
    ...(p.display_id ? { display_id: p.display_id } : {}),
    type: p.type,
    name: sanitizeLine(p.name, 120) || "(unnamed)",
    ...(description ? { description } : {}),
    owners: (p.owned_by ?? []).map(userRef).filter((u): u is UserRef => !!u),
    ...(tags.length ? { tags } : {}),
    ...(p.created_date ? { created_date: p.created_date } : {}),
    ...(p.modified_date ? { modified_date: p.modified_date } : {}),
    ...(x.target_close_date ? { target_close_date: x.target_close_date } : {}),
  };
}

export function renderPartLine(p: PartShape): string {
  const rest = fields([
    ["owner", p.owners.length ? p.owners.map(userLabel).join(", ") : undefined],
    ["due", day(p.target_close_date)],
    ["updated", day(p.modified_date)],
  ]);
  const head = `${p.display_id ?? p.id} [${p.type}] ${p.name}`;
  return rest ? `${head} — ${rest}` : head;
}

export function renderPartDetail(p: PartShape, children: readonly PartShape[] = []): string {
  const lines = [
    `${p.display_id ?? ""} [${p.type}] ${p.name}`.trim(),
    `id: ${p.id}`,
    fields([
      ["owners", p.owners.length ? p.owners.map(userLabel).join(", ") : "none"],
      ["tags", p.tags?.join(", ")],
    ]),
    fields([
      ["created", day(p.created_date)],
      ["updated", day(p.modified_date)],
      ["target close", day(p.target_close_date)],
    ]),
  ].filter(Boolean);
  if (p.description) lines.push("", p.description);
  if (children.length) {
    lines.push("", "Children:", ...children.map((c) => `- ${renderPartLine(c)}`));
  }
  return lines.join("\n");
}
