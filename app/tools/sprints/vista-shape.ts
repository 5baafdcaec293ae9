import { z } from "zod";
import type { Schemas } from "../../devrev/types.js";
import { sanitizeLine } from "../../util/sanitize.js";
import { day, fields } from "../shared/format.js";

// Vistas are DevRev's saved views; a grouped vista with flavor sprint_board is a sprint board whose
// groups are the sprints.

export const vistaSchema = z.object({
  id: z.string(),
  display_id: z.string().optional(),
  name: z.string(),
  type: z.string(),
  flavor: z.string().optional(),
  object_type: z.string().optional(),
  is_default: z.boolean().optional(),
  items: z.number().int().optional(),
});
export type VistaShape = z.infer<typeof vistaSchema>;

export const sprintSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: z.string().optional(),
  start_date: z.string().optional(),
  end_date: z.string().optional(),
  board: z.object({ id: z.string(), name: z.string().optional() }).optional(),
});
export type Sprint = z.infer<typeof sprintSchema>;

type Loose = Record<string, unknown>;

export function toVista(v: Schemas["vista"]): VistaShape {
  const x = v as Schemas["vista"] & Loose;
  const str = (k: string) => (typeof x[k] === "string" ? (x[k] as string) : undefined);
  return {
    id: v.id,
    ...(v.display_id ? { display_id: v.display_id } : {}),
    name: sanitizeLine(v.name, 120) || "(unnamed)",
    type: v.type,
    ...(str("flavor") ? { flavor: str("flavor") } : {}),
    ...(str("filter_type") ? { object_type: str("filter_type") } : {}),
    ...(v.is_default !== undefined ? { is_default: v.is_default } : {}),
    ...(Array.isArray(x.items) ? { items: x.items.length } : {}),
  };
}

export function toSprint(g: Schemas["vista-group"]): Sprint {
  return {
    id: g.id,
    name: sanitizeLine(g.name, 120) || "(unnamed)",
    ...(g.state ? { state: g.state } : {}),
    ...(g.start_date ? { start_date: g.start_date } : {}),
    ...(g.end_date ? { end_date: g.end_date } : {}),
    ...(g.parent ? { board: { id: g.parent.id, name: sanitizeLine(g.parent.name, 120) } } : {}),
  };
}

export function renderVistaLine(v: VistaShape): string {
  const rest = fields([
    ["type", v.flavor ?? v.type],
    ["shows", v.object_type],
    ["items", v.items],
  ]);
  return `${v.name}${rest ? ` — ${rest}` : ""} · id: ${v.id}`;
}

export function renderSprintLine(s: Sprint): string {
  const dates =
    s.start_date || s.end_date ? `${day(s.start_date) ?? "?"} → ${day(s.end_date) ?? "?"}` : undefined;
  const rest = fields([
    ["", s.state],
    ["", dates],
    ["board", s.board?.name],
  ]);
  return `${s.name}${rest ? ` — ${rest}` : ""} · id: ${s.id}`;
}
