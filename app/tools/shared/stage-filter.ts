import type { ToolContext } from "../../mcp/tool.js";
import { ToolInputError } from "../../mcp/tool-errors.js";
import { sanitizeLine } from "../../util/sanitize.js";

// DevRev filters by exact stage name and answers an empty list for a name no diagram has, so a
// model asking for `stage: ["open"]` (a state) or `["Resolved"]` would report "none". Stage names
// are checked against the stage diagrams of the requested types instead: a loose match becomes the
// exact name, a state name points at the `state` filter, anything else is an error listing the
// valid stages per type.

/** The three states every DevRev stage belongs to. */
export const WORK_STATES = ["open", "in_progress", "closed"] as const;
export type WorkState = (typeof WORK_STATES)[number];

/** `"Work in progress"`, `work-in-progress` and `WORK_IN_PROGRESS` are the same stage. */
export function stageKey(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

/** Stage names per leaf type, from every stage diagram of those types (subtypes have their own). */
export async function stagesByType(
  types: readonly string[],
  ctx: ToolContext,
): Promise<Map<string, string[]>> {
  const res = await ctx.call("stage-diagrams.list", { leaf_type: [...types], limit: 100 });
  const out = new Map<string, string[]>();
  for (const diagram of res.result) {
    const type = diagram.leaf_type ?? "work";
    const names = out.get(type) ?? [];
    for (const node of diagram.stages ?? []) {
      const name = node.stage?.name;
      if (name && !names.includes(name)) names.push(name);
    }
    out.set(type, names);
  }
  return out;
}

/**
 * The exact stage names to filter by, or a ToolInputError naming the valid ones. When DevRev has no
 * diagram for any requested type, nothing can be checked and the names go as given.
 */
export async function checkStageNames(
  requested: readonly string[],
  types: readonly string[],
  ctx: ToolContext,
): Promise<string[]> {
  const byType = await stagesByType(types, ctx);
  if (byType.size === 0) return [...requested];
  const canonical = new Map<string, string>();
  for (const names of byType.values()) for (const n of names) canonical.set(stageKey(n), n);
  return requested.map((r) => {
    const hit = canonical.get(stageKey(r));
    if (hit) return hit;
    const shown = sanitizeLine(r, 60);
    const valid = [...byType.entries()].map(([type, names]) => `${type}: ${names.join(", ")}`).join("; ");
    if ((WORK_STATES as readonly string[]).includes(stageKey(r))) {
      throw new ToolInputError(
        `stage: "${shown}" is a state, not a stage: filter with state: ["${stageKey(r)}"] instead (states: ${WORK_STATES.join(", ")}). Stages are ${valid}.`,
      );
    }
    throw new ToolInputError(
      `stage: "${shown}" is not a stage of ${[...byType.keys()].join(" or ")}s. Valid stages: ${valid}.`,
    );
  });
}

/** `type=ticket, stage=resolved, owned_by=me`: what a list applied, for an empty result. */
export function describeFilters(args: Record<string, unknown>, keys: readonly string[]): string {
  return keys
    .flatMap((k) => {
      const v = args[k];
      if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) return [];
      const shown = Array.isArray(v) ? v.map(String).join("|") : String(v);
      return [`${k}=${sanitizeLine(shown, 120)}`];
    })
    .join(", ");
}
