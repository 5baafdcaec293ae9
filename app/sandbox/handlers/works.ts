// works.list / get / count / export / delete. Filters are the ones agents use. Date filters must be
// typed (`{type: "range", after}`): live DevRev refuses untyped ones with a 400, so the sandbox does.

import { dateFilter, type Fields, SORTED_PAGE, setOf, TAG_EDIT, TAG_LIST } from "../fields.js";
import { inAny, readDateFilter } from "../filters.js";
import { paginate, readFirst } from "../pagination.js";
import type { WorkRec } from "../records.js";
import { readSortBy, sortItems } from "../sorting.js";
import type { Store } from "../store.js";
import { stageByName } from "../summaries.js";
import { idList, listBody, mustGet } from "./common.js";
import type { Ctx, Handlers } from "./context.js";
import { renderWork } from "./works-view.js";
import { createWork, updateWork } from "./works-write.js";

const WORK_TYPES = ["issue", "opportunity", "task", "ticket"] as const;
const SEVERITIES = ["blocker", "high", "low", "medium"] as const;
const PRIORITIES = ["p0", "p1", "p2", "p3"] as const;

/** A part and every part below it: filtering by a product finds work on its features too. */
export function partWithDescendants(store: Store, ids: readonly string[]): string[] {
  const out = new Set(ids.map((id) => store.canonical(id)));
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of store.parts.all()) {
      if (p.parent && out.has(p.parent) && !out.has(p.id)) {
        out.add(p.id);
        grew = true;
      }
    }
  }
  return [...out];
}

function workFilter(ctx: Ctx): (w: WorkRec) => boolean {
  const { input, store, now } = ctx;
  const types = input.optEnumArray("type", WORK_TYPES);
  const stage = input.optObj("stage");
  const stageNames = stage?.optStrArray("name");
  const stageIds = idList(store, stage, "stages");
  const states = input.optStrArray("state");
  const owners = idList(store, input, "owned_by");
  const reporters = idList(store, input, "reported_by");
  const creators = idList(store, input, "created_by");
  const modifiers = idList(store, input, "modified_by");
  const partIds = input.optStrArray("applies_to_part");
  const parts = partIds && partWithDescendants(store, partIds);
  const tags = idList(store, input, "tags");
  const ticket = input.optObj("ticket");
  const severities = ticket?.optEnumArray("severity", SEVERITIES);
  const revOrgs = idList(store, ticket, "rev_org");
  const accounts = idList(store, ticket, "account");
  const groups = idList(store, ticket, "group");
  const needsResponse = ticket?.optBool("needs_response");
  const issue = input.optObj("issue");
  const priorities = issue?.optEnumArray("priority", PRIORITIES);
  const sprints = idList(store, issue, "sprint");
  const targetClose = readDateFilter(input, "target_close_date", now);
  const actualClose = readDateFilter(input, "actual_close_date", now);
  const createdDate = readDateFilter(input, "created_date", now);
  const modifiedDate = readDateFilter(input, "modified_date", now);
  const opportunityAccounts = idList(store, input.optObj("opportunity"), "account");

  return (w) =>
    inAny(types, w.type) &&
    inAny(stageNames, w.stage) &&
    (!stageIds?.length || inAny(stageIds, stageByName(store, w.stage)?.id)) &&
    (!states?.length || inAny(states, stateOf(store, w.stage))) &&
    inAny(owners, w.owned_by) &&
    inAny(reporters, w.reported_by) &&
    inAny(creators, w.created_by) &&
    inAny(modifiers, w.modified_by) &&
    inAny(parts, w.applies_to_part) &&
    (!tags?.length ||
      inAny(
        tags,
        w.tags.map((t) => t.id),
      )) &&
    (!severities || (w.type === "ticket" && inAny(severities, w.severity))) &&
    (!revOrgs || (w.type === "ticket" && inAny(revOrgs, w.rev_org))) &&
    (!accounts || (w.type === "ticket" && inAny(accounts, w.account))) &&
    (!groups || (w.type === "ticket" && inAny(groups, w.group))) &&
    (needsResponse === undefined || w.needs_response === needsResponse) &&
    (!priorities || (w.type === "issue" && inAny(priorities, w.priority))) &&
    (!sprints || (w.type === "issue" && inAny(sprints, w.sprint))) &&
    (!opportunityAccounts || (w.type === "opportunity" && inAny(opportunityAccounts, w.account))) &&
    targetClose(w.target_close_date) &&
    actualClose(w.actual_close_date) &&
    createdDate(w.created_date) &&
    modifiedDate(w.modified_date);
}

function stateOf(store: Store, stageName: string): string | undefined {
  const stage = stageByName(store, stageName);
  return stage && store.customStates.get(stage.state)?.name;
}

/** Filtered and sorted works, newest first unless `sort_by` says otherwise. */
function selectWorks(ctx: Ctx) {
  const keys = readSortBy(ctx.input);
  const rows = ctx.store.works.all().filter(workFilter(ctx)).reverse();
  return sortItems(
    rows.map((w) => renderWork(ctx.store, w)),
    keys,
  );
}

/**
 * One page of works. Sorting needs the rendered fields (`stage.name`, `owned_by`...), so a sorted
 * list renders every match; the default order does not, so only the page is rendered.
 */
function listWorks(ctx: Ctx) {
  const keys = readSortBy(ctx.input);
  const rows = ctx.store.works.all().filter(workFilter(ctx)).reverse();
  if (keys.length) {
    return paginate(
      sortItems(
        rows.map((w) => renderWork(ctx.store, w)),
        keys,
      ),
      ctx.input,
    );
  }
  const page = paginate(rows, ctx.input);
  return { ...page, items: page.items.map((w) => renderWork(ctx.store, w)) };
}

/** The filter fields of works.list, works.count and works.export. */
const WORK_FILTER = [
  "type",
  "stage.name",
  "stage.stages",
  "state",
  "owned_by",
  "reported_by",
  "created_by",
  "modified_by",
  "applies_to_part",
  "tags",
  "ticket.severity",
  "ticket.rev_org",
  "ticket.account",
  "ticket.group",
  "ticket.needs_response",
  "issue.priority",
  "issue.sprint",
  "opportunity.account",
  ...dateFilter("target_close_date"),
  ...dateFilter("actual_close_date"),
  ...dateFilter("created_date"),
  ...dateFilter("modified_date"),
];

/** Create/update fields of every branch of the work union (ticket, issue, task, opportunity). */
const WORK_COMMON = [
  "type",
  "title",
  "body",
  "owned_by",
  "reported_by",
  "applies_to_part",
  "target_close_date",
  "custom_fields",
  "severity",
  "rev_org",
  "account",
  "group",
  "needs_response",
  "priority",
  "sprint",
  "target_start_date",
  "developed_with",
];

export const worksFields: Fields = {
  "works.list": [...SORTED_PAGE, ...WORK_FILTER],
  "works.get": ["id"],
  "works.count": WORK_FILTER,
  "works.export": ["first", "sort_by", ...WORK_FILTER],
  "works.create": [...WORK_COMMON, "stage.name", ...TAG_LIST],
  "works.update": [
    "id",
    ...WORK_COMMON,
    "stage.name",
    "stage_validation_options",
    ...setOf("owned_by", "reported_by", "developed_with"),
    ...TAG_EDIT,
  ],
  "works.delete": ["id"],
};

export const worksHandlers: Handlers = {
  "works.list": (ctx) => listBody("works", listWorks(ctx)),
  "works.get": (ctx) => ({ work: renderWork(ctx.store, mustGet(ctx.store.works, ctx.input)) }),
  "works.count": (ctx) => ({ count: ctx.store.works.all().filter(workFilter(ctx)).length, has_more: false }),
  "works.export": (ctx) => ({ works: selectWorks(ctx).slice(0, readFirst(ctx.input)) }),
  "works.create": (ctx) => ({ work: renderWork(ctx.store, createWork(ctx)) }),
  "works.update": (ctx) => ({ work: renderWork(ctx.store, updateWork(ctx)) }),
  "works.delete": (ctx) => {
    const w = mustGet(ctx.store.works, ctx.input);
    ctx.store.works.delete(w.id);
    for (const e of ctx.store.timeline.all()) if (e.object === w.id) ctx.store.timeline.delete(e.id);
    for (const l of ctx.store.links.all()) {
      if (l.source === w.id || l.target === w.id) ctx.store.links.delete(l.id);
    }
    return {};
  },
};
