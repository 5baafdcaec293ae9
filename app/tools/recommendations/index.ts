import { defineDomain } from "../domain.js";
import { recommendations } from "./recommendations.js";

export const recommendationsDomain = defineDomain({
  toolset: "recommendations",
  description: "Suggested replies from the knowledge base (beta)",
  tools: [recommendations],
});
