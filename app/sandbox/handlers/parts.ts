// parts.*: the product tree (products > capabilities > features, plus enhancements). The part
// objects do not carry their parent; clients walk the tree with the `parent_part` filter.

import { withArticle } from "../../util/indefinite-article.js";
import type { S } from "../api-types.js";
import { badRequest, invalidField } from "../errors.js";
import { type Fields, SORTED_PAGE, setOf, TAG_LIST, TAG_SET } from "../fields.js";
import { inAny } from "../filters.js";
import { coreId } from "../ids.js";
import { paginate } from "../pagination.js";
import type { PartRec, PartType } from "../records.js";
import { readSortBy, sortItems } from "../sorting.js";
import type { Store } from "../store.js";
import { audit, tagWithValue, userSummary } from "../summaries.js";
import {
  created,
  defined,
  idList,
  listBody,
  mustGet,
  readDate,
  readRefSet,
  readTagList,
  ref,
  refs,
  touch,
  USER_KINDS,
  updateTags,
} from "./common.js";
import type { Handlers } from "./context.js";

const PART_TYPES = ["capability", "enhancement", "feature", "linkable", "product", "runnable"] as const;
export const PART_PREFIX: Record<PartType, string> = {
  product: "PROD",
  capability: "CAPL",
  feature: "FEAT",
  enhancement: "ENH",
};
const PARENT_TYPES: Record<PartType, PartType[]> = {
  product: [],
  capability: ["product"],
  feature: ["capability", "feature"],
  enhancement: ["product", "capability", "feature"],
};

export function renderPart(store: Store, p: PartRec): S["part"] {
  const base = defined({
    ...audit(store, p),
    name: p.name,
    description: p.description,
    owned_by: p.owned_by.map((u) => userSummary(store, u)),
    tags: p.tags.map((t) => tagWithValue(store, t)),
  });
  if (p.type === "enhancement") {
    return {
      ...base,
      type: "enhancement",
      ...(p.target_close_date ? { target_close_date: p.target_close_date } : {}),
    };
  }
  return { ...base, type: p.type };
}

export function insertPart(store: Store, fields: Omit<PartRec, "id" | "display_id">): PartRec {
  const num = store.parts.nextNum(fields.type);
  return store.parts.insert({
    id: coreId(`${fields.type}/${num}`),
    display_id: `${PART_PREFIX[fields.type]}-${num}`,
    ...fields,
  });
}

function descendants(store: Store, roots: string[], levels: number): Set<string> {
  const found = new Set<string>();
  let frontier = new Set(roots);
  for (let depth = 0; depth < levels && frontier.size; depth++) {
    const next = new Set<string>();
    for (const p of store.parts.all()) {
      if (p.parent && frontier.has(p.parent) && !found.has(p.id)) next.add(p.id);
    }
    for (const id of next) found.add(id);
    frontier = next;
  }
  return found;
}

function sandboxPartType(type: (typeof PART_TYPES)[number]): PartType {
  if (type === "linkable" || type === "runnable")
    throw badRequest(`the sandbox does not model ${type} parts`);
  return type;
}

export const partsFields: Fields = {
  "parts.list": [
    ...SORTED_PAGE,
    "type",
    "name",
    "owned_by",
    "created_by",
    "tags",
    "parent_part.parts",
    "parent_part.level",
  ],
  "parts.get": ["id"],
  "parts.create": [
    "type",
    "parent_part",
    "name",
    "description",
    "owned_by",
    ...TAG_LIST,
    "target_close_date",
  ],
  "parts.update": [
    "id",
    "type",
    "name",
    "description",
    ...setOf("owned_by"),
    ...TAG_SET,
    "target_close_date",
  ],
  "parts.delete": ["id"],
};

export const partsHandlers: Handlers = {
  "parts.list": (ctx) => {
    const { input, store } = ctx;
    const types = input.optEnumArray("type", PART_TYPES);
    const names = input.optStrArray("name")?.map((n) => n.toLowerCase());
    const owners = idList(store, input, "owned_by");
    const creators = idList(store, input, "created_by");
    const tags = idList(store, input, "tags");
    const parent = input.optObj("parent_part");
    const under = parent
      ? descendants(
          store,
          parent.strArray("parts").map((id) => store.canonical(id)),
          parent.optInt("level") ?? 1,
        )
      : undefined;
    const rows = store.parts
      .all()
      .filter(
        (p) =>
          inAny(types, p.type) &&
          inAny(names, p.name.toLowerCase()) &&
          inAny(owners, p.owned_by) &&
          inAny(creators, p.created_by) &&
          inAny(
            tags,
            p.tags.map((t) => t.id),
          ) &&
          (!under || under.has(p.id)),
      )
      .map((p) => renderPart(store, p));
    return listBody("parts", paginate(sortItems(rows, readSortBy(input)), input));
  },
  "parts.get": (ctx) => ({ part: renderPart(ctx.store, mustGet(ctx.store.parts, ctx.input)) }),
  "parts.create": (ctx) => {
    const { input, store } = ctx;
    const type = sandboxPartType(input.enumOf("type", PART_TYPES));
    let parent: string | undefined;
    if (type !== "product") {
      const parents = input.strArray("parent_part");
      const first = parents[0];
      if (parents.length !== 1 || !first)
        throw invalidField("parent_part", "exactly one parent part is required");
      parent = ref(store, first, "parent_part", ["part"]);
      const parentType = store.parts.get(parent)?.type;
      if (!parentType || !PARENT_TYPES[type].includes(parentType)) {
        throw invalidField(
          "parent_part",
          `${withArticle(type)} cannot be placed under ${withArticle(parentType ?? "unknown part")}`,
        );
      }
    }
    const row = insertPart(
      store,
      defined({
        type,
        name: input.str("name"),
        description: input.optStr("description"),
        owned_by: refs(store, input.strArray("owned_by"), "owned_by", USER_KINDS),
        parent,
        tags: readTagList(store, input.optObjArray("tags"), "tags") ?? [],
        target_close_date: readDate(input, "target_close_date") ?? undefined,
        ...created(ctx),
      }),
    );
    return { part: renderPart(store, row) };
  },
  "parts.update": (ctx) => {
    const { input, store } = ctx;
    const p = mustGet(store.parts, input);
    const name = input.optStr("name");
    if (name !== undefined) p.name = name;
    if (input.has("description")) p.description = input.optStr("description");
    const owners = readRefSet(store, input, "owned_by", USER_KINDS);
    if (owners) p.owned_by = owners;
    p.tags = updateTags(store, input, p.tags);
    const target = readDate(input, "target_close_date");
    if (target !== undefined) p.target_close_date = target ?? undefined;
    touch(ctx, p);
    return { part: renderPart(store, p) };
  },
  "parts.delete": (ctx) => {
    const p = mustGet(ctx.store.parts, ctx.input);
    if (ctx.store.parts.all().some((c) => c.parent === p.id)) {
      throw badRequest(`${p.display_id} has child parts; delete them first`);
    }
    ctx.store.parts.delete(p.id);
    return {};
  },
};
