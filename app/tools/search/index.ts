import { defineDomain } from "../domain.js";
import { search } from "./search.js";

export const searchDomain = defineDomain({
  toolset: "search",
  description: "Search everything by words (DevRev beta search)",
  tools: [search],
});
