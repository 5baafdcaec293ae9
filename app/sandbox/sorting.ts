// `sort_by: ["field:asc", "stage.name:desc"]`. The live API refuses the `-field` shorthand with a
// 400, so the sandbox does too; a bare `field` sorts ascending.
import { badRequest } from "./errors.js";
import type { Input } from "./input.js";

export interface SortKey {
  path: string;
  desc: boolean;
}

const FORM = /^([a-z_][a-z0-9_.]*)(?::(asc|desc))?$/;

export function readSortBy(input: Input): SortKey[] {
  const raw = input.optStrArray("sort_by") ?? [];
  return raw.map((s) => {
    const m = FORM.exec(s);
    if (!m?.[1]) throw badRequest(`invalid sort_by '${s}': expected <field>:asc or <field>:desc`);
    return { path: m[1], desc: m[2] === "desc" };
  });
}

// Enums sort by meaning, not spelling.
const RANKS: Record<string, Record<string, number>> = {
  severity: { low: 1, medium: 2, high: 3, blocker: 4 },
};

function valueAt(item: unknown, path: string): unknown {
  let cur: unknown = item;
  for (const part of path.split(".")) {
    if (typeof cur !== "object" || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function sortable(path: string, v: unknown): string | number | undefined {
  const last = path.slice(path.lastIndexOf(".") + 1);
  const rank = typeof v === "string" ? RANKS[last]?.[v] : undefined;
  if (rank !== undefined) return rank;
  if (typeof v === "string" || typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  return undefined;
}

/** Stable sort of rendered objects by dotted paths; missing values go last either way. */
export function sortItems<T>(items: T[], keys: SortKey[]): T[] {
  if (!keys.length) return items;
  return [...items].sort((a, b) => {
    for (const { path, desc } of keys) {
      const x = sortable(path, valueAt(a, path));
      const y = sortable(path, valueAt(b, path));
      if (x === y) continue;
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      const cmp = x < y ? -1 : 1;
      return desc ? -cmp : cmp;
    }
    return 0;
  });
}
