import { ToolInputError } from "../../mcp/tool-errors.js";

/** The update fields a call actually sets; an update that sets none is refused with the list. */
export function requireChanges<K extends string>(
  args: Partial<Record<K, unknown>>,
  fields: readonly K[],
): K[] {
  const changed = fields.filter((k) => args[k] !== undefined);
  if (changed.length === 0) {
    throw new ToolInputError(`Nothing to change: give at least one of ${fields.join(", ")}.`);
  }
  return changed;
}
