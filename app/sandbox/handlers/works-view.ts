// A work record as the `work` union DevRev returns (ticket or issue).
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

export function renderWork(store: Store, w: WorkRec): S["work"] {
  const base = {
    ...audit(store, w),
    title: w.title,
    ...(w.body !== undefined ? { body: w.body } : {}),
    owned_by: w.owned_by.map((u) => userSummary(store, u)),
    reported_by: w.reported_by.map((u) => userSummary(store, u)),
    applies_to_part: partSummary(store, w.applies_to_part),
    stage: legacyStage(store, w.stage),
    state_display_name: stateDisplayName(store, w.stage),
    tags: w.tags.map((t) => tagWithValue(store, t)),
    ...(w.target_close_date ? { target_close_date: w.target_close_date } : {}),
    ...(w.actual_close_date ? { actual_close_date: w.actual_close_date } : {}),
    ...(w.custom_fields ? { custom_fields: customFields(w.custom_fields) } : {}),
    ...(w.subtype ? { subtype: w.subtype } : {}),
  };
  if (w.type === "issue") {
    return {
      ...base,
      type: "issue",
      ...(w.priority ? { priority: w.priority } : {}),
      ...(w.sprint ? { sprint: vistaGroupItemSummary(store, w.sprint) } : {}),
      ...(w.target_start_date ? { target_start_date: w.target_start_date } : {}),
      ...(w.developed_with ? { developed_with: w.developed_with.map((p) => partSummary(store, p)) } : {}),
    };
  }
  return {
    ...base,
    type: "ticket",
    ...(w.severity ? { severity: w.severity } : {}),
    ...(w.rev_org ? { rev_org: orgSummary(store, w.rev_org) } : {}),
    ...(w.account ? { account: accountSummary(store, w.account) } : {}),
    ...(w.group ? { group: groupSummary(store, w.group) } : {}),
    ...(w.needs_response !== undefined ? { needs_response: w.needs_response } : {}),
    ...(w.sla_tracker
      ? { sla_tracker: { type: "sla_tracker", id: w.sla_tracker, applies_to_type: "ticket" } }
      : {}),
  };
}
