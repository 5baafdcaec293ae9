// tags.*. Names are unique (case-insensitive); tags.create declares no 409, so a duplicate is a 400.
import type { S } from "../api-types.js";
import { badRequest } from "../errors.js";
import { type Fields, SORTED_PAGE, setOf } from "../fields.js";
import { inAny } from "../filters.js";
import { coreId } from "../ids.js";
import type { Input } from "../input.js";
import { paginate } from "../pagination.js";
import type { TagRec } from "../records.js";
import { readSortBy, sortItems } from "../sorting.js";
import type { Store } from "../store.js";
import { audit } from "../summaries.js";
import { created, defined, listBody, mustGet, readSet, touch } from "./common.js";
import type { Handlers } from "./context.js";

export function renderTag(store: Store, t: TagRec): S["tag"] {
  return defined({
    type: "tag" as const,
    ...audit(store, t),
    name: t.name,
    description: t.description,
    allowed_values: t.allowed_values,
    ...(t.color ? { style_new: { color: t.color } } : {}),
  });
}

export function insertTag(store: Store, fields: Omit<TagRec, "id" | "display_id">): TagRec {
  const num = store.tags.nextNum();
  return store.tags.insert({ id: coreId(`tag/${num}`), display_id: `TAG-${num}`, ...fields });
}

function uniqueName(store: Store, name: string, except?: string): string {
  const clash = store.tags.all().find((t) => t.name.toLowerCase() === name.toLowerCase() && t.id !== except);
  if (clash) throw badRequest(`a tag named '${name}' already exists (${clash.display_id})`);
  return name;
}

const color = (input: Input) => input.optObj("style_new")?.optStr("color");

export const tagsFields: Fields = {
  "tags.list": [...SORTED_PAGE, "name"],
  "tags.get": ["id"],
  "tags.create": ["name", "description", "allowed_values", "style_new.color"],
  "tags.update": ["id", "name", "description", ...setOf("allowed_values"), "style_new.color"],
  "tags.delete": ["id"],
};

export const tagsHandlers: Handlers = {
  "tags.list": (ctx) => {
    const { input, store } = ctx;
    const names = input.optStrArray("name")?.map((n) => n.toLowerCase());
    const rows = store.tags
      .all()
      .filter((t) => inAny(names, t.name.toLowerCase()))
      .map((t) => renderTag(store, t));
    return listBody("tags", paginate(sortItems(rows, readSortBy(input)), input));
  },
  "tags.get": (ctx) => ({ tag: renderTag(ctx.store, mustGet(ctx.store.tags, ctx.input)) }),
  "tags.create": (ctx) => {
    const { input, store } = ctx;
    const row = insertTag(
      store,
      defined({
        name: uniqueName(store, input.str("name")),
        description: input.optStr("description"),
        allowed_values: input.optStrArray("allowed_values"),
        color: color(input),
        ...created(ctx),
      }),
    );
    return { tag: renderTag(store, row) };
  },
  "tags.update": (ctx) => {
    const { input, store } = ctx;
    const t = mustGet(store.tags, input);
    const name = input.optStr("name");
    if (name !== undefined) t.name = uniqueName(store, name, t.id);
    if (input.has("description")) t.description = input.optStr("description");
    const allowed = readSet(input, "allowed_values");
    if (allowed) t.allowed_values = allowed;
    const c = color(input);
    if (c) t.color = c;
    touch(ctx, t);
    return { tag: renderTag(store, t) };
  },
  "tags.delete": (ctx) => {
    ctx.store.tags.delete(mustGet(ctx.store.tags, ctx.input).id);
    return {};
  },
};
