// The request fields each operation accepts. Live DevRev answers 400 to a field it does not know
// (`conversations.export` with `limit` instead of `first`), and so does the sandbox, without the spec
// at run time: every handler declares its fields as dotted paths, checked before the handler runs,
// so a refused request changes nothing. test/sandbox/fields.test.ts keeps the declarations inside
// the spec (plus the few live-only fields named in `LIVE_ONLY`).
import { invalidField } from "./errors.js";
import type { JsonObject } from "./input.js";

/** `true`: any value is accepted under the name; a tree: the object's (or each array item's) own fields. */
export interface FieldTree {
  [name: string]: FieldTree | true;
}

/** Declared fields per operation, as dotted paths: `"stage.name"`; arrays are transparent (`"tags.id"`). */
export type Fields = Record<string, readonly string[]>;

/**
 * Dotted paths to a tree. A leaf accepts any value (free-form objects such as `custom_fields`); a
 * path that is also the prefix of another (`"stage"` and `"stage.name"`) becomes the stricter tree.
 */
export function fieldTree(paths: readonly string[]): FieldTree {
  const root: FieldTree = {};
  for (const path of paths) {
    const parts = path.split(".");
    const leaf = parts.pop() as string;
    let node = root;
    for (const part of parts) {
      let child = node[part];
      if (child === undefined || child === true) {
        child = {};
        node[part] = child;
      }
      node = child;
    }
    node[leaf] ??= true;
  }
  return root;
}

/** The first field of `body` that `tree` does not declare, as a dotted path, or undefined. */
export function unknownField(body: unknown, tree: FieldTree, prefix = ""): string | undefined {
  if (Array.isArray(body)) {
    for (const item of body) {
      const found = unknownField(item, tree, prefix);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof body !== "object" || body === null) return undefined;
  for (const [name, value] of Object.entries(body as JsonObject)) {
    if (!Object.hasOwn(tree, name)) return `${prefix}${name}`;
    const sub = tree[name] as FieldTree | true;
    if (sub === true) continue;
    const found = unknownField(value, sub, `${prefix}${name}.`);
    if (found) return found;
  }
  return undefined;
}

/** Throws DevRev's 400 for the first undeclared field. */
export function checkFields(body: JsonObject, tree: FieldTree): void {
  const field = unknownField(body, tree);
  if (field) throw invalidField(field, `unknown field "${field}"`);
}

// Pieces many operations share.
export const PAGE = ["cursor", "limit", "mode"] as const;
export const SORTED_PAGE = [...PAGE, "sort_by"] as const;
/** `tags: [{id, value}]` as create requests send them. */
export const TAG_LIST = ["tags.id", "tags.value"] as const;
/** Update-style tags that replace: `{set: [{id, value}]}`. */
export const TAG_SET = ["tags.set.id", "tags.set.value"] as const;
/** Update-style tags that also edit: `{set}`, `{add}`, `{remove}`. */
export const TAG_EDIT = [...TAG_SET, "tags.add.id", "tags.add.value", "tags.remove.id"] as const;
/** DevRev's typed `date-filter`: `{type: "range", after, before}` or `{type: "preset", preset_type, days}`. */
export const dateFilter = (name: string) =>
  [`${name}.type`, `${name}.after`, `${name}.before`, `${name}.preset_type`, `${name}.days`] as const;
/** The older untyped `date-time-filter`: `{after, before}`. */
export const dateTimeFilter = (name: string) => [`${name}.after`, `${name}.before`] as const;
/** `{set: [...]}` update fields; a plain list is accepted too. */
export const setOf = (...names: string[]) => names.map((n) => `${n}.set`);

/**
 * Fields live DevRev accepts although its spec does not declare them (reported by users of the live
 * API). The spec-validating test sandbox allows exactly these on top of the spec.
 */
export const LIVE_ONLY: Readonly<Record<string, readonly string[]>> = {
  "conversations.list": ["sort_by"],
};
