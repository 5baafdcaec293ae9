// A work record as the `work` union DevRev returns (ticket, issue, task or opportunity).
import { customFields, type S } from "../api-types.js";
import type { WorkRec } from "../records.js";
import type { Store } from "../store.js";
import {
  accountSummary,
  audit,
  groupSummary,
  legacyStage,
  orgSummary,
  partSummary,
  stateDisplayName,
  tagWithValue,
  userSummary,
  vistaGroupItemSummary,
} from "../summaries.js";

// Built by assignment rather than by spreading conditional fragments: every list renders a page of
// these per request, and a dozen object spreads per work was most of the sandbox's time. The key
// order (and so the JSON) is the same as the spread form had.
export function renderWork(store: Store, w: WorkRec): S["work"] {
  const out: Record<string, unknown> = audit(store, w);
  out.title = w.title;
  if (w.body !== undefined) out.body = w.body;
  out.owned_by = w.owned_by.map((u) => userSummary(store, u));
  out.reported_by = w.reported_by.map((u) => userSummary(store, u));
  out.applies_to_part = partSummary(store, w.applies_to_part);
  out.stage = legacyStage(store, w.stage);
  out.state_display_name = stateDisplayName(store, w.stage);
  out.tags = w.tags.map((t) => tagWithValue(store, t));
  if (w.target_close_date) out.target_close_date = w.target_close_date;
  if (w.actual_close_date) out.actual_close_date = w.actual_close_date;
  if (w.custom_fields) out.custom_fields = customFields(w.custom_fields);
  if (w.subtype) out.subtype = w.subtype;
  if (w.type === "issue") {
    out.type = "issue";
    if (w.priority) out.priority = w.priority;
    if (w.sprint) out.sprint = vistaGroupItemSummary(store, w.sprint);
    if (w.target_start_date) out.target_start_date = w.target_start_date;
    if (w.developed_with) out.developed_with = w.developed_with.map((p) => partSummary(store, p));
    return out as S["issue"];
  }
  if (w.type === "task") {
    out.type = "task";
    return out as S["task"];
  }
  if (w.type === "opportunity") {
    out.type = "opportunity";
    if (w.account) out.account = accountSummary(store, w.account);
    return out as S["opportunity"];
  }
  out.type = "ticket";
  if (w.severity) out.severity = w.severity;
  if (w.rev_org) out.rev_org = orgSummary(store, w.rev_org);
  if (w.account) out.account = accountSummary(store, w.account);
  if (w.group) out.group = groupSummary(store, w.group);
  if (w.needs_response !== undefined) out.needs_response = w.needs_response;
  if (w.sla_tracker) out.sla_tracker = { type: "sla_tracker", id: w.sla_tracker, applies_to_type: "ticket" };
  return out as S["ticket"];
}
