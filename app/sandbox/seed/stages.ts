// Custom states, stages and the default stage diagrams for tickets, issues, tasks, opportunities and
// incidents.
import { coreId } from "../ids.js";
import type { Store } from "../store.js";
import type { SeedClock } from "./clock.js";

const STATES = [
  { name: "open", is_final: false },
  { name: "in_progress", is_final: false },
  { name: "closed", is_final: true },
] as const;

type StateName = (typeof STATES)[number]["name"];

const STAGES: [string, StateName][] = [
  ["queued", "open"],
  ["work_in_progress", "in_progress"],
  ["awaiting_product_assist", "in_progress"],
  ["awaiting_development", "in_progress"],
  ["awaiting_customer_response", "in_progress"],
  ["resolved", "closed"],
  ["canceled", "closed"],
  ["triage", "open"],
  ["backlog", "open"],
  ["prioritized", "open"],
  ["in_development", "in_progress"],
  ["in_review", "in_progress"],
  ["in_testing", "in_progress"],
  ["completed", "closed"],
  ["wont_fix", "closed"],
  ["duplicate", "closed"],
  ["acknowledged", "open"],
  ["identified", "in_progress"],
  ["mitigated", "in_progress"],
  ["qualification", "open"],
  ["validation", "in_progress"],
  ["negotiation", "in_progress"],
  ["closed_won", "closed"],
  ["closed_lost", "closed"],
];

/** leaf type -> [stage, allowed next stages]; the first stage is where new items start. */
const DIAGRAMS: Record<string, [string, string[]][]> = {
  ticket: [
    ["queued", ["work_in_progress", "awaiting_customer_response", "canceled"]],
    [
      "work_in_progress",
      [
        "awaiting_customer_response",
        "awaiting_product_assist",
        "awaiting_development",
        "resolved",
        "canceled",
      ],
    ],
    ["awaiting_product_assist", ["work_in_progress", "awaiting_development", "resolved"]],
    ["awaiting_development", ["work_in_progress", "resolved"]],
    ["awaiting_customer_response", ["work_in_progress", "resolved", "canceled"]],
    ["resolved", ["work_in_progress"]],
    ["canceled", ["queued"]],
  ],
  issue: [
    ["triage", ["backlog", "prioritized", "wont_fix", "duplicate"]],
    ["backlog", ["prioritized", "in_development", "wont_fix", "duplicate"]],
    ["prioritized", ["in_development", "backlog", "wont_fix"]],
    ["in_development", ["in_review", "prioritized"]],
    ["in_review", ["in_testing", "in_development"]],
    ["in_testing", ["completed", "in_development"]],
    ["completed", ["in_development"]],
    ["wont_fix", ["triage"]],
    ["duplicate", ["triage"]],
  ],
  incident: [
    ["acknowledged", ["identified", "mitigated", "resolved"]],
    ["identified", ["mitigated", "resolved"]],
    ["mitigated", ["resolved", "identified"]],
    ["resolved", ["identified"]],
  ],
  task: [
    ["queued", ["work_in_progress", "canceled"]],
    ["work_in_progress", ["completed", "canceled", "queued"]],
    ["completed", ["work_in_progress"]],
    ["canceled", ["queued"]],
  ],
  opportunity: [
    ["qualification", ["validation", "closed_lost"]],
    ["validation", ["negotiation", "qualification", "closed_lost"]],
    ["negotiation", ["closed_won", "closed_lost", "validation"]],
    ["closed_won", ["negotiation"]],
    ["closed_lost", ["qualification"]],
  ],
};

export function seedStages(store: Store, clock: SeedClock, by: string): void {
  const stamp = {
    created_by: by,
    created_date: clock.at(-400),
    modified_by: by,
    modified_date: clock.at(-400),
  };
  const stateIds = new Map<string, string>();
  STATES.forEach((s, i) => {
    const n = store.customStates.nextNum();
    store.customStates.insert({
      id: coreId(`custom_state/${n}`),
      display_id: `STATE-${n}`,
      ordinal: i + 1,
      ...s,
      ...stamp,
    });
    stateIds.set(s.name, coreId(`custom_state/${n}`));
  });
  const stageIds = new Map<string, string>();
  STAGES.forEach(([name, state], i) => {
    const n = store.customStages.nextNum();
    const id = coreId(`custom_stage/${n}`);
    store.customStages.insert({
      id,
      display_id: `STAGE-${n}`,
      name,
      ordinal: (i + 1) * 100,
      state: stateIds.get(state) ?? "",
      ...stamp,
    });
    stageIds.set(name, id);
  });
  const idOf = (name: string) => stageIds.get(name) ?? "";
  for (const [leafType, nodes] of Object.entries(DIAGRAMS)) {
    const n = store.stageDiagrams.nextNum();
    store.stageDiagrams.insert({
      id: coreId(`stage_diagram/${n}`),
      display_id: `SDG-${n}`,
      name: `Default ${leafType} stages`,
      leaf_type: leafType,
      is_default: true,
      stages: nodes.map(([stage, next], i) => ({
        stage: idOf(stage),
        is_start: i === 0,
        transitions: next.map(idOf),
      })),
      ...stamp,
    });
  }
}
