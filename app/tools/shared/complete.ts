// Completion of an id argument from a list of candidates.

/**
 * The display ids (else ids) of the rows any of whose `fields` starts with what was typed, ignoring
 * case and surrounding space.
 */
export function completeByPrefix<T extends { id: string; display_id?: string }>(
  rows: readonly T[],
  value: string,
  fields: (row: T) => Array<string | undefined>,
): string[] {
  const needle = value.trim().toLowerCase();
  return rows
    .filter((row) => fields(row).some((f) => f?.toLowerCase().startsWith(needle)))
    .map((row) => row.display_id ?? row.id);
}
