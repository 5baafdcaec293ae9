import { z } from "zod";
import type { Schemas } from "../../devrev/types.js";
import type { ToolContext } from "../../mcp/tool.js";
import { sanitizeLine, sanitizeText } from "../../util/sanitize.js";
import { fields, userLabel, userRef, userRefSchema } from "../shared/format.js";
import { expectKind } from "../shared/ids.js";

export const groupSchema = z.object({
  id: z.string(),
  display_id: z.string().optional(),
  name: z.string(),
  description: z.string().optional(),
  member_type: z.string().optional(),
  is_default: z.boolean().optional(),
  owner: userRefSchema.optional(),
});
export type GroupShape = z.infer<typeof groupSchema>;

export const memberSchema = z.object({
  id: z.string(),
  type: z.string(),
  name: z.string().optional(),
  email: z.string().optional(),
});
export type Member = z.infer<typeof memberSchema>;

export const groupIdInput = z.string().min(1);
export const groupMemberInput = z.string().min(1);

export function toGroup(g: Schemas["group"]): GroupShape {
  const owner = userRef(g.owner);
  const description = g.description ? sanitizeText(g.description, 500) : "";
  return {
    id: g.id,
    ...(g.display_id ? { display_id: g.display_id } : {}),
    name: sanitizeLine(g.name, 120) || "(unnamed)",
    ...(description ? { description } : {}),
    ...(g.member_type ? { member_type: g.member_type } : {}),
    ...(g.is_default !== undefined ? { is_default: g.is_default } : {}),
    ...(owner ? { owner } : {}),
  };
}

export function toMember(m: Schemas["member-summary"]): Member {
  const x = m as {
    id: string;
    type: string;
    full_name?: string;
    display_name?: string;
    name?: string;
    email?: string;
  };
  const name = sanitizeLine(x.full_name ?? x.display_name ?? x.name, 80);
  return { id: x.id, type: x.type, ...(name ? { name } : {}), ...(x.email ? { email: x.email } : {}) };
}

export function renderGroupLine(g: GroupShape): string {
  const rest = fields([
    ["members", g.member_type?.replace("_", " ")],
    ["owner", g.owner ? userLabel(g.owner) : undefined],
    ["", g.description],
  ]);
  return `${g.display_id ?? g.id} ${g.name}${rest ? ` — ${rest}` : ""}`;
}

export function renderMemberLine(m: Member): string {
  return `- ${m.name ?? m.email ?? m.id}${m.email && m.name ? ` <${m.email}>` : ""} [${m.type}] · id: ${m.id}`;
}

/** A group's don: id; display ids are looked up, since writes take the full id. */
export async function resolveGroupId(input: string, ctx: ToolContext): Promise<string> {
  const ref = expectKind(input, ["group"], "a group");
  if (ref.id.startsWith("don:")) return ref.id;
  const { group } = await ctx.call("groups.get", { id: ref.id });
  return group.id;
}
