import { defineDomain } from "../domain.js";
import { callToolByName } from "./call-tool.js";
import { findTools } from "./find-tools.js";

export const meta = defineDomain({
  toolset: "meta",
  description:
    "Find tools across the whole catalogue with their inputs, and call a permitted tool that is not listed",
  tools: [findTools, callToolByName],
});
