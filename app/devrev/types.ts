import type { components } from "./generated/beta.js";

// Short names for the DevRev shapes the tools read. Type-only: nothing here exists at run time.
export type Schemas = components["schemas"];
export type Work = Schemas["work"];
export type UserSummary = Schemas["user-summary"];
export type PartSummary = Schemas["part-summary"];
export type DevUser = Schemas["dev-user"];
export type TimelineEntry = Schemas["timeline-entry"];
