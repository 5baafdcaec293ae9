// works.create and works.update with the checks the live API makes: required fields, known
// references, stage names from the work type's stage diagram and allowed transitions.

import { withArticle } from "../../util/indefinite-article.js";
import { badRequest, missingField } from "../errors.js";
import { coreId } from "../ids.js";
import type { WorkRec, WorkType } from "../records.js";
import { checkStage, checkTransition, isFinalStage, startStage } from "../stage-rules.js";
import type { Store } from "../store.js";
import { recordChange } from "../timeline-events.js";
import {
  created,
  defined,
  mustGet,
  readDate,
  readRefSet,
  readSet,
  readTagList,
  ref,
  refs,
  touch,
  USER_KINDS,
  updateTags,
} from "./common.js";
import type { Ctx } from "./context.js";

const WORK_TYPES = ["issue", "opportunity", "task", "ticket"] as const;
const SEVERITIES = ["blocker", "high", "low", "medium"] as const;
const PRIORITIES = ["p0", "p1", "p2", "p3"] as const;
const PREFIX: Record<WorkType, string> = { ticket: "TKT", issue: "ISS", task: "TASK", opportunity: "OPP" };

export function insertWork(store: Store, fields: Omit<WorkRec, "id" | "display_id">): WorkRec {
  const num = store.works.nextNum(fields.type);
  const prefix = PREFIX[fields.type];
  return store.works.insert({
    id: coreId(`${fields.type}/${num}`),
    display_id: `${prefix}-${num}`,
    ...fields,
  });
}

export function createWork(ctx: Ctx): WorkRec {
  const { input, store } = ctx;
  const type: WorkType = input.enumOf("type", WORK_TYPES);
  const title = input.str("title");
  const part = ref(store, input.str("applies_to_part"), "applies_to_part", ["part"]);
  const owners = refs(store, input.strArray("owned_by"), "owned_by", USER_KINDS);
  const stageName = input.optObj("stage")?.optStr("name");
  const stage = stageName ? checkStage(store, type, stageName) : startStage(store, type);
  const fields: Omit<WorkRec, "id" | "display_id"> = defined({
    type,
    title,
    body: input.optStr("body"),
    owned_by: owners,
    reported_by: refs(store, input.optStrArray("reported_by") ?? [], "reported_by", USER_KINDS),
    applies_to_part: part,
    stage,
    tags: readTagList(store, input.optObjArray("tags"), "tags") ?? [],
    target_close_date: readDate(input, "target_close_date") ?? undefined,
    custom_fields: input.optRecord("custom_fields"),
    ...created(ctx),
    ...typeFields(ctx, type),
  });
  if (fields.rev_org && !fields.account) fields.account = store.revOrgs.get(fields.rev_org)?.account;
  if (isFinalStage(store, stage)) fields.actual_close_date = fields.created_date;
  const row = insertWork(store, fields);
  recordChange(store, row.id, ctx.actor.id, row.created_date, { type: "created" });
  return row;
}

/** The fields of one work type's branch of the create union. */
function typeFields(ctx: Ctx, type: WorkType): Partial<WorkRec> {
  const { input, store } = ctx;
  const account = () =>
    input.has("account") ? ref(store, input.str("account"), "account", ["account"]) : undefined;
  switch (type) {
    case "ticket": {
      const revOrg = input.optStr("rev_org");
      return {
        severity: input.optEnum("severity", SEVERITIES) ?? "medium",
        rev_org: revOrg ? ref(store, revOrg, "rev_org", ["rev_org"]) : undefined,
        account: account(),
        group: input.has("group") ? ref(store, input.str("group"), "group", ["group"]) : undefined,
        needs_response: input.optBool("needs_response"),
      };
    }
    case "issue":
      return {
        priority: input.optEnum("priority", PRIORITIES) ?? "p2",
        sprint: input.has("sprint") ? ref(store, input.str("sprint"), "sprint", ["vista_group"]) : undefined,
        target_start_date: readDate(input, "target_start_date") ?? undefined,
        developed_with: input.has("developed_with")
          ? refs(store, input.strArray("developed_with"), "developed_with", ["part"])
          : undefined,
      };
    case "task":
      return { priority: input.optEnum("priority", PRIORITIES) };
    case "opportunity":
      return { account: account() };
  }
}

export function updateWork(ctx: Ctx): WorkRec {
  const { input, store } = ctx;
  const w = mustGet(store.works, input);
  // The spec's union needs the discriminator; the live API refuses an update without it.
  if (!input.has("type")) throw missingField("type");
  const type = input.enumOf("type", WORK_TYPES);
  if (type !== w.type)
    throw badRequest(`${w.display_id} is ${withArticle(w.type)}, not ${withArticle(type)}`);

  const title = input.optStr("title");
  if (title !== undefined) w.title = title;
  if (input.has("body")) w.body = input.optStr("body");
  const owners = readRefSet(store, input, "owned_by", USER_KINDS);
  if (owners) w.owned_by = owners;
  const reporters = readRefSet(store, input, "reported_by", USER_KINDS);
  if (reporters) w.reported_by = reporters;
  const part = input.optStr("applies_to_part");
  if (part) w.applies_to_part = ref(store, part, "applies_to_part", ["part"]);
  w.tags = updateTags(store, input, w.tags);
  const target = readDate(input, "target_close_date");
  if (target !== undefined) w.target_close_date = target ?? undefined;
  const fields = input.optRecord("custom_fields");
  if (fields) w.custom_fields = { ...w.custom_fields, ...fields };

  if (w.type === "ticket") updateTicketFields(ctx, w);
  else if (w.type === "issue") updateIssueFields(ctx, w);
  else if (w.type === "task") {
    const priority = input.optEnum("priority", PRIORITIES);
    if (priority) w.priority = priority;
  } else {
    const account = input.optStr("account");
    if (account) w.account = ref(store, account, "account", ["account"]);
  }

  const stageName = input.optObj("stage")?.optStr("name");
  if (stageName && stageName !== w.stage) {
    checkStage(store, w.type, stageName);
    const options = input.optStrArray("stage_validation_options") ?? [];
    if (!options.includes("allow_invalid_transition")) checkTransition(store, w.type, w.stage, stageName);
    const old = w.stage;
    w.stage = stageName;
    w.actual_close_date = isFinalStage(store, stageName) ? ctx.now.toISOString() : undefined;
    recordChange(store, w.id, ctx.actor.id, ctx.now.toISOString(), {
      type: "updated",
      field: "stage",
      old_value: old,
      new_value: stageName,
    });
  }
  touch(ctx, w);
  return w;
}

function updateTicketFields(ctx: Ctx, w: WorkRec): void {
  const { input, store } = ctx;
  const severity = input.optEnum("severity", SEVERITIES);
  if (severity) w.severity = severity;
  const revOrg = input.optStr("rev_org");
  if (revOrg) w.rev_org = ref(store, revOrg, "rev_org", ["rev_org"]);
  const account = input.optStr("account");
  if (account) w.account = ref(store, account, "account", ["account"]);
  const group = input.optStr("group");
  if (group) w.group = ref(store, group, "group", ["group"]);
  const needsResponse = input.optBool("needs_response");
  if (needsResponse !== undefined) w.needs_response = needsResponse;
}

function updateIssueFields(ctx: Ctx, w: WorkRec): void {
  const { input, store } = ctx;
  const priority = input.optEnum("priority", PRIORITIES);
  if (priority) w.priority = priority;
  const sprint = input.optStr("sprint");
  if (sprint) w.sprint = ref(store, sprint, "sprint", ["vista_group"]);
  const start = readDate(input, "target_start_date");
  if (start !== undefined) w.target_start_date = start ?? undefined;
  const developedWith = readSet(input, "developed_with");
  if (developedWith) w.developed_with = refs(store, developedWith, "developed_with.set", ["part"]);
}
