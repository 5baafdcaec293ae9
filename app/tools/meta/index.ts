import { defineDomain } from "../domain.js";
import { findTools } from "./find-tools.js";

export const meta = defineDomain({
  toolset: "meta",
  description: "Find tools across the whole catalogue, including toolsets not enabled here",
  tools: [findTools],
});
