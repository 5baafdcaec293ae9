/**
 * Arguments that exercise one tool against the seeded sandbox. `bad` is an argument object the
 * input schema must reject; `null` only for tools with no arguments to get wrong.
 */
export interface ToolSample {
  happy: Record<string, unknown>;
  bad: Record<string, unknown> | null;
}

export type Samples = Record<string, ToolSample>;
