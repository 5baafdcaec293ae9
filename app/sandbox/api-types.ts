// The sandbox answers with DevRev's documented shapes. Types come from the generated spec types
// (type-only: they vanish at run time, so the bundle never needs the spec).
import type { components } from "../devrev/generated/beta.js";

export type S = components["schemas"];

/**
 * openapi-typescript reads DevRev's free-form `custom_fields: {type: object}` as Record<string, never>;
 * the values are really arbitrary JSON.
 */
export const customFields = (v: Record<string, unknown>) => v as Record<string, never>;
