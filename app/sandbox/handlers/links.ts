// links.*: typed edges between objects (e.g. ticket is_related_to issue). Like the live API,
// links.list refuses to list without an `object`.
import type { S } from "../api-types.js";
import { type Fields, PAGE } from "../fields.js";
import { inAny } from "../filters.js";
import { coreId } from "../ids.js";
import { paginate } from "../pagination.js";
import type { LinkRec } from "../records.js";
import type { Store } from "../store.js";
import { audit, linkEndpointSummary } from "../summaries.js";
import { created, listBody, mustGet, ref } from "./common.js";
import type { Handlers } from "./context.js";

export const LINK_TYPES = [
  "custom_link",
  "developed_with",
  "imports",
  "is_analyzed_by",
  "is_converted_to",
  "is_dependent_on",
  "is_duplicate_of",
  "is_follow_up_of",
  "is_merged_into",
  "is_parent_of",
  "is_part_of",
  "is_related_to",
  "serves",
] as const;

const LINKABLE = [
  "work",
  "part",
  "account",
  "rev_org",
  "rev_user",
  "dev_user",
  "article",
  "conversation",
  "incident",
] as const;

export function renderLink(store: Store, l: LinkRec): S["link"] {
  return {
    type: "link",
    ...audit(store, l),
    link_type: l.link_type,
    source: linkEndpointSummary(store, l.source),
    target: linkEndpointSummary(store, l.target),
  };
}

export function insertLink(store: Store, fields: Omit<LinkRec, "id" | "display_id">): LinkRec {
  const num = store.links.nextNum();
  return store.links.insert({ id: coreId(`link/${num}`), display_id: `LNK-${num}`, ...fields });
}

export const linksFields: Fields = {
  "links.list": [...PAGE, "object", "direction", "link_type", "types", "object_types"],
  "links.get": ["id"],
  "links.create": ["link_type", "source", "target"],
  "links.delete": ["id"],
};

export const linksHandlers: Handlers = {
  "links.list": (ctx) => {
    const { input, store } = ctx;
    const object = store.canonical(input.str("object"));
    const direction = input.optEnum("direction", ["is_source", "is_target"] as const);
    const types = input.optEnumArray("link_type", LINK_TYPES) ?? input.optEnumArray("types", LINK_TYPES);
    const objectTypes = input.optStrArray("object_types");
    const rows = store.links
      .all()
      .filter((l) => {
        const asSource = l.source === object && direction !== "is_target";
        const asTarget = l.target === object && direction !== "is_source";
        if (!(asSource || asTarget) || !inAny(types, l.link_type)) return false;
        const other = linkEndpointSummary(store, asSource ? l.target : l.source);
        return inAny(objectTypes, other.type);
      })
      .map((l) => renderLink(store, l));
    return listBody("links", paginate(rows, input));
  },
  "links.get": (ctx) => ({ link: renderLink(ctx.store, mustGet(ctx.store.links, ctx.input)) }),
  "links.create": (ctx) => {
    const { input, store } = ctx;
    const row = insertLink(store, {
      link_type: input.enumOf("link_type", LINK_TYPES),
      source: ref(store, input.str("source"), "source", LINKABLE),
      target: ref(store, input.str("target"), "target", LINKABLE),
      ...created(ctx),
    });
    return { link: renderLink(store, row) };
  },
  "links.delete": (ctx) => {
    ctx.store.links.delete(mustGet(ctx.store.links, ctx.input).id);
    return {};
  },
};
