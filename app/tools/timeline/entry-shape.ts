import { z } from "zod";
import type { Schemas, TimelineEntry } from "../../devrev/types.js";
import { sanitizeLine, sanitizeText } from "../../util/sanitize.js";
import { day, type UserRef, userLabel, userRef, userRefSchema } from "../shared/format.js";

// The compact form of a timeline entry. Comments keep their text; change events become one
// readable line ("stage: queued → work_in_progress"). The live API also returns entry and event
// types the spec does not list, so everything here reads defensively and falls back to the type.

export const entrySchema = z.object({
  id: z.string(),
  type: z.string(),
  created_date: z.string().optional(),
  author: userRefSchema.optional(),
  visibility: z.string().optional(),
  body: z.string().optional(),
  change: z.string().optional(),
  edited: z.boolean().optional(),
});
export type Entry = z.infer<typeof entrySchema>;

export const commentSchema = z.object({
  id: z.string(),
  object: z.string().optional(),
  object_display_id: z.string().optional(),
  author: userRefSchema.optional(),
  created_date: z.string().optional(),
  modified_date: z.string().optional(),
  visibility: z.string().optional(),
  body: z.string(),
});
export type Comment = z.infer<typeof commentSchema>;

type Loose = Record<string, unknown>;

export function isComment(e: TimelineEntry): e is TimelineEntry & Schemas["timeline-comment"] {
  return e.type === "timeline_comment";
}

export function toComment(e: TimelineEntry, bodyMaxChars = 2_000): Comment {
  const x = e as TimelineEntry & Loose;
  const author = userRef(e.created_by);
  return {
    id: e.id,
    ...(e.object ? { object: e.object } : {}),
    ...(e.object_display_id ? { object_display_id: e.object_display_id } : {}),
    ...(author ? { author } : {}),
    ...(e.created_date ? { created_date: e.created_date } : {}),
    ...(e.modified_date ? { modified_date: e.modified_date } : {}),
    ...(e.visibility ? { visibility: e.visibility } : {}),
    body: sanitizeText(typeof x.body === "string" ? x.body : "", bodyMaxChars),
  };
}

export function toEntry(e: TimelineEntry, bodyMaxChars = 1_500): Entry {
  const type = String((e as { type?: unknown }).type ?? "unknown");
  const author = userRef(e.created_by);
  const base: Entry = {
    id: e.id,
    type,
    ...(e.created_date ? { created_date: e.created_date } : {}),
    ...(author ? { author } : {}),
    ...(e.visibility ? { visibility: e.visibility } : {}),
  };
  if (isComment(e)) {
    const edited = !!e.modified_date && !!e.created_date && e.modified_date > e.created_date;
    return {
      ...base,
      body: sanitizeText(e.body ?? "", bodyMaxChars),
      ...(edited ? { edited: true } : {}),
    };
  }
  const change = describeEvent((e as Loose).event);
  return change ? { ...base, change } : base;
}

/** One line per entry, oldest concerns first: date, who, then the comment or the change. */
export function renderEntryLine(e: Entry): string {
  const who = e.author ? userLabel(e.author) : "someone";
  const when = day(e.created_date) ?? "";
  if (e.type === "timeline_comment") {
    const vis = e.visibility ? ` (${e.visibility})` : "";
    const body = (e.body ?? "").replace(/\n+/g, " ⏎ ");
    return `${when} ${who}${vis}${e.edited ? " [edited]" : ""}: ${body} — id: ${e.id}`.trim();
  }
  if (e.type === "timeline_change_event") return `${when} ${who} ${e.change ?? "changed something"}`.trim();
  return `${when} ${who} [${sanitizeLine(e.type, 40)}]${e.change ? ` ${e.change}` : ""}`.trim();
}

/** A comment as one short block for prompts and get tools. */
export function renderCommentLine(c: Comment): string {
  return `- ${day(c.created_date) ?? ""} ${userLabel(c.author as UserRef | undefined)} (${c.visibility ?? "internal"}): ${c.body}`;
}

function describeEvent(event: unknown): string | undefined {
  if (!event || typeof event !== "object") return undefined;
  const ev = event as Loose;
  const kind = typeof ev.type === "string" ? ev.type : undefined;
  switch (kind) {
    case "created": {
      const obj = (ev.created as Loose | undefined)?.object as Loose | undefined;
      return `created${obj ? ` ${atomLabel(obj)}` : ""}`;
    }
    case "updated": {
      const deltas = ((ev.updated as Loose | undefined)?.field_deltas ?? []) as Loose[];
      const parts = deltas
        .slice(0, 6)
        .map(
          (d) =>
            `${sanitizeLine(String(d.name ?? "field"), 60)}: ${fieldValue(d.old_value) ?? "∅"} → ${fieldValue(d.new_value) ?? "∅"}`,
        );
      return parts.length ? `changed ${parts.join("; ")}` : "updated it";
    }
    case "linked": {
      const link = (ev.linked as Loose | undefined)?.link as Loose | undefined;
      if (!link) return "added a link";
      const target = link.target as Loose | undefined;
      return `linked ${sanitizeLine(String(link.link_type ?? ""), 40)} ${target ? atomLabel(target) : ""}`.trim();
    }
    case "deleted": {
      const id = (ev.deleted as Loose | undefined)?.object_id;
      return `deleted ${typeof id === "string" ? id : "an object"}`;
    }
    default:
      return kind ? sanitizeLine(kind, 40) : undefined;
  }
}

function atomLabel(a: Loose): string {
  const id = typeof a.display_id === "string" ? a.display_id : typeof a.id === "string" ? a.id : "";
  const title = typeof a.title === "string" ? a.title : typeof a.name === "string" ? a.name : "";
  return title ? `${id} "${sanitizeLine(title, 80)}"` : id;
}

/** DevRev field values come in many shapes; show the one a person would read. */
function fieldValue(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "object") return sanitizeLine(String(v), 80);
  if (Array.isArray(v)) return v.map((i) => fieldValue(i) ?? "").join(", ");
  const x = v as Loose;
  if (typeof x.display_value === "string" && x.display_value) return sanitizeLine(x.display_value, 80);
  const inner = x.value ?? x.values;
  if (inner !== undefined && inner !== null) return fieldValue(inner);
  if (typeof x.id === "string" || typeof x.display_id === "string") return atomLabel(x);
  if (typeof x.name === "string") return sanitizeLine(x.name, 80);
  return typeof x.type === "string" ? x.type : undefined;
}
