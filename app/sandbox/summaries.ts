// The `*-summary` shapes DevRev embeds wherever one object points at another (owned_by, rev_org,
// applies_to_part, tags, ...). Resolved on each read from the ids records hold.
import type { S } from "./api-types.js";
import type * as R from "./records.js";
import type { Store } from "./store.js";

type Summary<K extends keyof S> = S[K];

// A type alias (not an interface) so renderers can keep adding fields to it as a plain record.
export type AuditFields = {
  id: string;
  display_id?: string;
  created_by: Summary<"user-summary">;
  created_date: string;
  modified_by: Summary<"user-summary">;
  modified_date: string;
};

export function audit(store: Store, rec: R.Audit): AuditFields {
  // Assigned in order rather than spread: this runs for every object of every list response.
  const out: Partial<AuditFields> = { id: rec.id };
  if (rec.display_id) out.display_id = rec.display_id;
  out.created_by = userSummary(store, rec.created_by);
  out.created_date = rec.created_date;
  out.modified_by = userSummary(store, rec.modified_by);
  out.modified_date = rec.modified_date;
  return out as AuditFields;
}

export function userSummary(store: Store, id: string): Summary<"user-summary"> {
  const dev = store.devUsers.get(id);
  if (dev) {
    return {
      type: "dev_user",
      id: dev.id,
      display_id: dev.display_id,
      display_name: dev.display_name,
      full_name: dev.full_name,
      email: dev.email,
      state: dev.state,
    };
  }
  const rev = store.revUsers.get(id);
  if (rev) {
    return {
      type: "rev_user",
      id: rev.id,
      display_id: rev.display_id,
      display_name: rev.display_name,
      ...(rev.full_name ? { full_name: rev.full_name } : {}),
      ...(rev.email ? { email: rev.email } : {}),
      state: "active",
      rev_org: orgSummary(store, rev.rev_org),
    };
  }
  // Deleted users still appear on old objects; the id alone says which kind they were.
  if (id.includes(":revu/")) return { type: "rev_user", id };
  if (id.includes(":devu/")) return { type: "dev_user", id };
  return { type: "sys_user", id, display_name: "DevRev Bot", state: "active" };
}

export function accountSummary(store: Store, id: string): Summary<"account-summary"> {
  const acc = store.accounts.get(id);
  return {
    type: "account",
    id,
    ...(acc ? { display_id: acc.display_id, display_name: acc.display_name } : {}),
  };
}

export function revOrgSummary(store: Store, id: string): Summary<"rev-org-summary"> {
  const org = store.revOrgs.get(id);
  return {
    type: "rev_org",
    id,
    ...(org ? { display_id: org.display_id, display_name: org.display_name } : {}),
  };
}

export function orgSummary(store: Store, id: string): Summary<"org-summary"> {
  return store.accounts.get(id) ? accountSummary(store, id) : revOrgSummary(store, id);
}

export function partSummary(store: Store, id: string): Summary<"part-summary"> {
  const part = store.parts.get(id);
  if (!part) return { type: "product", id, name: "(deleted part)", owned_by: [] };
  return {
    type: part.type,
    id: part.id,
    display_id: part.display_id,
    name: part.name,
    owned_by: part.owned_by.map((u) => userSummary(store, u)),
  };
}

export function tagWithValue(store: Store, ref: R.TagRef): S["tag-with-value"] {
  const tag = store.tags.get(ref.id);
  return {
    tag: {
      type: "tag",
      id: ref.id,
      name: tag?.name ?? "(deleted tag)",
      ...(tag?.display_id ? { display_id: tag.display_id } : {}),
      ...(tag?.color ? { style_new: { color: tag.color } } : {}),
    },
    ...(ref.value !== undefined ? { value: ref.value } : {}),
  };
}

export function groupSummary(store: Store, id: string): Summary<"group-summary"> {
  const g = store.groups.get(id);
  return {
    type: "group",
    id,
    ...(g ? { display_id: g.display_id, name: g.name, member_type: g.member_type } : {}),
  };
}

export function customStateSummary(store: Store, id: string): Summary<"custom-state-summary"> {
  const s = store.customStates.get(id);
  return { id, ...(s ? { display_id: s.display_id, name: s.name, is_final: s.is_final } : {}) };
}

export function customStageSummary(store: Store, id: string): Summary<"custom-stage-summary"> {
  const s = store.customStages.get(id);
  return { id, ...(s ? { display_id: s.display_id, name: s.name } : {}) };
}

// Stage lookups by name happen several times per rendered work; index each table snapshot once.
const stagesByName = new WeakMap<readonly R.CustomStageRec[], Map<string, R.CustomStageRec>>();

export function stageByName(store: Store, name: string): R.CustomStageRec | undefined {
  const all = store.customStages.all();
  let byName = stagesByName.get(all);
  if (!byName) {
    byName = new Map();
    // First match wins, as a linear find would.
    for (const s of all) if (!byName.has(s.name)) byName.set(s.name, s);
    stagesByName.set(all, byName);
  }
  const hit = byName.get(name);
  // Records are mutable; a renamed stage falls back to the plain search.
  return hit && hit.name === name ? hit : all.find((s) => s.name === name);
}

export function legacyStage(store: Store, name: string): S["legacy-stage"] {
  const stage = stageByName(store, name);
  if (!stage) return { name };
  return {
    name,
    ordinal: stage.ordinal,
    stage: { id: stage.id, display_id: stage.display_id, name: stage.name },
    state: customStateSummary(store, stage.state),
  };
}

/** "in_progress" -> "In Progress", as the UI shows a state. */
export function stateDisplayName(store: Store, stageName: string): string | undefined {
  const stage = stageByName(store, stageName);
  const state = stage && store.customStates.get(stage.state);
  if (!state) return undefined;
  return state.name
    .split("_")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");
}

export function vistaGroupItemSummary(store: Store, id: string): Summary<"vista-group-item-summary"> {
  const g = store.vistaGroups.get(id);
  if (!g) return { type: "curated", id, name: "(deleted sprint)" };
  return {
    type: "curated",
    id: g.id,
    name: g.name,
    state: g.state,
    ...(g.start_date ? { start_date: g.start_date } : {}),
    ...(g.end_date ? { end_date: g.end_date } : {}),
  };
}

export function workSummary(store: Store, w: R.WorkRec): Summary<"work-summary"> {
  const base = {
    id: w.id,
    display_id: w.display_id,
    title: w.title,
    owned_by: w.owned_by.map((u) => userSummary(store, u)),
    stage: { name: w.stage },
  };
  if (w.type === "issue") return { ...base, type: "issue", ...(w.priority ? { priority: w.priority } : {}) };
  if (w.type === "task" || w.type === "opportunity") return { ...base, type: w.type };
  return {
    ...base,
    type: "ticket",
    ...(w.severity ? { severity: w.severity } : {}),
    ...(w.rev_org ? { rev_org: orgSummary(store, w.rev_org) } : {}),
  };
}

export function articleSummary(store: Store, id: string): Summary<"article-summary"> {
  const a = store.articles.get(id);
  return {
    type: "article",
    id,
    ...(a ? { display_id: a.display_id, title: a.title, article_type: a.article_type } : {}),
  };
}

export function conversationSummary(store: Store, id: string): Summary<"conversation-summary"> {
  const c = store.conversations.get(id);
  return { type: "conversation", id, ...(c ? { display_id: c.display_id, title: c.title } : {}) };
}

export function questionAnswerSummary(store: Store, id: string): Summary<"question-answer-summary"> {
  const q = store.questionAnswers.get(id);
  return { type: "question_answer", id, ...(q ? { display_id: q.display_id, question: q.question } : {}) };
}

export function slaSummary(store: Store, id: string): Summary<"sla-summary"> {
  const s = store.slas.get(id);
  return {
    type: "sla",
    id,
    name: s?.name ?? "(deleted SLA)",
    status: s?.status ?? "archived",
    ...(s ? { sla_type: s.sla_type } : {}),
  };
}

/** Any object as the `atom-summary` union (timeline references, vista items, change events). */
export function atomSummary(store: Store, id: string): Summary<"atom-summary"> | undefined {
  const ref = store.resolve(id);
  if (!ref) return undefined;
  switch (ref.kind) {
    case "dev_user":
    case "rev_user":
      return userSummary(store, ref.id);
    case "account":
      return accountSummary(store, ref.id);
    case "rev_org":
      return revOrgSummary(store, ref.id);
    case "part":
      return partSummary(store, ref.id);
    case "work": {
      const w = store.works.get(ref.id);
      return w ? workSummary(store, w) : undefined;
    }
    case "article":
      return articleSummary(store, ref.id);
    case "conversation":
      return conversationSummary(store, ref.id);
    case "tag": {
      const t = store.tags.get(ref.id);
      return t ? { type: "tag", id: t.id, display_id: t.display_id, name: t.name } : undefined;
    }
    case "group":
      return groupSummary(store, ref.id);
    case "incident": {
      const i = store.incidents.get(ref.id);
      return i ? { type: "incident", id: i.id, display_id: i.display_id, title: i.title } : undefined;
    }
    case "engagement":
      return { type: "engagement", id: ref.id, display_id: store.engagements.get(ref.id)?.display_id };
    case "question_answer":
      return questionAnswerSummary(store, ref.id);
    case "sla":
      return slaSummary(store, ref.id);
    default:
      return undefined;
  }
}

/** Link endpoints: the subset of objects a link may join. */
export function linkEndpointSummary(store: Store, id: string): Summary<"link-endpoint-summary"> {
  const atom = atomSummary(store, id);
  switch (atom?.type) {
    case "account":
    case "article":
    case "capability":
    case "conversation":
    case "dev_user":
    case "enhancement":
    case "feature":
    case "incident":
    case "issue":
    case "product":
    case "rev_org":
    case "rev_user":
    case "ticket":
      return atom;
    default:
      return { type: "issue", id, title: "(deleted)", owned_by: [] };
  }
}
