import { z } from "zod";
import type { Schemas } from "../../devrev/types.js";
import type { ToolContext } from "../../mcp/tool.js";
import { sanitizeLine, sanitizeText } from "../../util/sanitize.js";
import { fields } from "../shared/format.js";
import { expectKind } from "../shared/ids.js";

export const tagSchema = z.object({
  id: z.string(),
  display_id: z.string().optional(),
  name: z.string(),
  description: z.string().optional(),
  allowed_values: z.array(z.string()).optional(),
  color: z.string().optional(),
});
export type TagShape = z.infer<typeof tagSchema>;

export const tagIdInput = z.string().min(1);

export function toTag(t: Schemas["tag"]): TagShape {
  const description = t.description ? sanitizeText(t.description, 500) : "";
  return {
    id: t.id,
    ...(t.display_id ? { display_id: t.display_id } : {}),
    name: sanitizeLine(t.name, 80) || "(unnamed)",
    ...(description ? { description } : {}),
    ...(t.allowed_values?.length ? { allowed_values: t.allowed_values.map((v) => sanitizeLine(v, 60)) } : {}),
    ...(t.style_new?.color ? { color: sanitizeLine(t.style_new.color, 20) } : {}),
  };
}

export function renderTagLine(t: TagShape): string {
  const rest = fields([
    ["values", t.allowed_values?.join("|")],
    ["", t.description],
  ]);
  return `${t.display_id ?? ""} ${t.name}${rest ? ` — ${rest}` : ""} · id: ${t.id}`.trim();
}

/** A tag's don: id; display ids (TAG-3) are looked up, since writes take the full id. */
export async function resolveTagId(input: string, ctx: ToolContext): Promise<string> {
  const ref = expectKind(input, ["tag"], "a tag");
  if (ref.id.startsWith("don:")) return ref.id;
  const { tag } = await ctx.call("tags.get", { id: ref.id });
  return tag.id;
}
