// vistas.list/get and vistas.groups.list/get: saved views, including a sprint board whose groups
// are the sprints issues belong to.
import type { S } from "../api-types.js";
import { type Fields, SORTED_PAGE } from "../fields.js";
import { inAny } from "../filters.js";
import { paginate } from "../pagination.js";
import type { VistaGroupRec, VistaRec } from "../records.js";
import { readSortBy, sortItems } from "../sorting.js";
import type { Store } from "../store.js";
import { atomSummary, audit } from "../summaries.js";
import { defined, idList, listBody, mustGet } from "./common.js";
import type { Handlers } from "./context.js";

export function renderVista(store: Store, v: VistaRec): S["vista"] {
  const base = { ...audit(store, v), name: v.name, is_default: v.is_default };
  if (v.type === "grouped") {
    return defined({
      ...base,
      type: "grouped" as const,
      filter_type: v.filter_type ?? "works",
      flavor: v.flavor,
    });
  }
  return {
    ...base,
    type: "curated",
    items: v.items.flatMap((id) => atomSummary(store, id) ?? []),
  };
}

export function renderVistaGroup(store: Store, g: VistaGroupRec): S["vista-group"] {
  const vista = store.vistas.get(g.vista);
  return defined({
    object_type: "works" as const,
    type: "curated" as const,
    id: g.id,
    name: g.name,
    state: g.state,
    start_date: g.start_date,
    end_date: g.end_date,
    parent: vista
      ? defined({
          type: vista.type,
          id: vista.id,
          display_id: vista.display_id ?? vista.id,
          name: vista.name,
          flavor: vista.flavor,
        })
      : undefined,
  });
}

export const vistasFields: Fields = {
  "vistas.list": [...SORTED_PAGE, "type", "flavor", "is_default"],
  "vistas.get": ["id"],
  "vistas.groups.list": [...SORTED_PAGE, "parent_id", "state", "group_object_type"],
  "vistas.groups.get": ["id"],
};

export const vistasHandlers: Handlers = {
  "vistas.list": (ctx) => {
    const { input, store } = ctx;
    const types = input.optEnumArray("type", ["curated", "dynamic", "grouped"] as const);
    const flavors = input.optEnumArray("flavor", ["nnl", "sprint_board", "support_inbox"] as const);
    const isDefault = input.optBool("is_default");
    const rows = store.vistas
      .all()
      .filter(
        (v) =>
          inAny(types, v.type) &&
          inAny(flavors, v.flavor) &&
          (isDefault === undefined || v.is_default === isDefault),
      )
      .map((v) => renderVista(store, v));
    return listBody("vistas", paginate(sortItems(rows, readSortBy(input)), input));
  },
  "vistas.get": (ctx) => ({ vista: renderVista(ctx.store, mustGet(ctx.store.vistas, ctx.input)) }),
  "vistas.groups.list": (ctx) => {
    const { input, store } = ctx;
    const parents = idList(store, input, "parent_id");
    const states = input.optEnumArray("state", ["active", "completed", "planned"] as const);
    const objectTypes = input.optEnumArray("group_object_type", ["conversation", "part", "work"] as const);
    const rows = store.vistaGroups
      .all()
      .filter((g) => inAny(parents, g.vista) && inAny(states, g.state) && inAny(objectTypes, "work"))
      .map((g) => renderVistaGroup(store, g));
    return listBody("vista_group", paginate(sortItems(rows, readSortBy(input)), input));
  },
  "vistas.groups.get": (ctx) => ({
    vista_group: renderVistaGroup(ctx.store, mustGet(ctx.store.vistaGroups, ctx.input)),
  }),
};
