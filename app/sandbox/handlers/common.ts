// Shared pieces of the operation handlers: id lookups with DevRev's errors, reference checks,
// audit stamps, tag and `{set: [...]}` update fields, and list envelopes.
import { invalidField, notFound } from "../errors.js";
import { looksLikeId } from "../ids.js";
import type { Input } from "../input.js";
import type { Page } from "../pagination.js";
import type { Audit, TagRef } from "../records.js";
import type { Kind, Store, Table } from "../store.js";
import type { Ctx } from "./context.js";

/** The object named by `field` (DON id or display id): 400 when not an id at all, 404 when unknown. */
export function mustGet<T extends Audit>(table: Table<T>, input: Input, field = "id"): T {
  const key = input.str(field);
  return mustFind(table, key, field);
}

export function mustFind<T extends Audit>(table: Table<T>, key: string, field = "id"): T {
  if (!looksLikeId(key)) throw invalidField(field, `'${key}' is not a valid id`);
  const row = table.get(key);
  if (!row) throw notFound(`${table.kind.replace(/_/g, " ")} '${key}' not found`);
  return row;
}

/** Canonical ids of referenced objects; an unknown reference is a 400 on the referring field. */
export function refs(store: Store, ids: readonly string[], field: string, kinds: readonly Kind[]): string[] {
  return ids.map((key) => ref(store, key, field, kinds));
}

export function ref(store: Store, key: string, field: string, kinds: readonly Kind[]): string {
  const found = store.resolve(key);
  if (!found || !kinds.includes(found.kind)) {
    throw invalidField(field, `'${key}' is not a valid ${kinds.join(" or ").replace(/_/g, " ")} id`);
  }
  return found.id;
}

export const USER_KINDS: readonly Kind[] = ["dev_user", "rev_user"];

/** An id filter (`owned_by: [...]`) with display ids turned into DON ids, so either matches. */
export function idList(store: Store, input: Input | undefined, field: string): string[] | undefined {
  return input?.optStrArray(field)?.map((id) => store.canonical(id));
}

export function created(ctx: Ctx) {
  const at = ctx.now.toISOString();
  return { created_by: ctx.actor.id, created_date: at, modified_by: ctx.actor.id, modified_date: at };
}

export function touch(ctx: Ctx, row: Audit): void {
  row.modified_by = ctx.actor.id;
  row.modified_date = ctx.now.toISOString();
}

/** `[{id, value?}]` as sent by create/update requests. */
export function readTagList(store: Store, items: Input[] | undefined, field: string): TagRef[] | undefined {
  if (!items) return undefined;
  return items.map((t, i) => {
    const id = ref(store, t.str("id"), `${field}[${i}].id`, ["tag"]);
    const value = t.optStr("value");
    return value === undefined ? { id } : { id, value };
  });
}

/** Update-style tags: `{set}` replaces, `{add}` / `{remove}` edit. Plain arrays replace too. */
export function updateTags(store: Store, input: Input, current: TagRef[], field = "tags"): TagRef[] {
  if (Array.isArray(input.raw[field])) return readTagList(store, input.optObjArray(field), field) ?? current;
  const upd = input.optObj(field);
  if (!upd) return current;
  const set = readTagList(store, upd.optObjArray("set"), `${field}.set`);
  let next = set ?? [...current];
  const add = readTagList(store, upd.optObjArray("add"), `${field}.add`) ?? [];
  for (const t of add) if (!next.some((x) => x.id === t.id)) next.push(t);
  const remove = (upd.optObjArray("remove") ?? []).map((r) => store.canonical(r.str("id")));
  next = next.filter((t) => !remove.includes(t.id));
  return next;
}

/** An update field of references (`owned_by: {set: [...]}`), resolved to canonical ids. */
export function readRefSet(
  store: Store,
  input: Input,
  field: string,
  kinds: readonly Kind[],
): string[] | undefined {
  const ids = readSet(input, field);
  return ids && refs(store, ids, field, kinds);
}

/** `{set: [...]}` update fields (owned_by, applies_to_parts, ...); plain arrays are accepted too. */
export function readSet(input: Input, field: string): string[] | undefined {
  if (Array.isArray(input.raw[field])) return input.optStrArray(field);
  return input.optObj(field)?.optStrArray("set");
}

/** A list response: `{<key>: [...], next_cursor?, prev_cursor?}`. */
export function listBody<T>(key: string, page: Page<T>) {
  return {
    [key]: page.items,
    ...(page.next_cursor ? { next_cursor: page.next_cursor } : {}),
    ...(page.prev_cursor ? { prev_cursor: page.prev_cursor } : {}),
  };
}

/** A date-time field: must parse; null clears it. */
export function readDate(input: Input, field: string): string | null | undefined {
  if (input.raw[field] === null) return null;
  const v = input.optStr(field);
  if (v === undefined) return undefined;
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw invalidField(field, `${field} must be an RFC 3339 date-time`);
  return new Date(t).toISOString();
}

export function defined<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}
