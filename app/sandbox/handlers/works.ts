// works.list / get / count / export / delete. Filters are the ones agents use; `created_date` and
// `modified_date` are accepted but NOT applied, because the live API does not apply them reliably
// and clients must cope (sort by the date and stop client-side).
import { inAny, matchesDate } from "../filters.js";
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
  const targetClose = input.optObj("target_close_date");
  const actualClose = input.optObj("actual_close_date");
  // Read so malformed values still fail, but deliberately not applied (see the file comment).
  input.optObj("created_date");
  input.optObj("modified_date");

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
    matchesDate(w.target_close_date, targetClose, now) &&
    matchesDate(w.actual_close_date, actualClose, now);
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
