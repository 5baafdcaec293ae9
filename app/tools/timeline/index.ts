import { defineDomain } from "../domain.js";
import { timelineEntriesCreate } from "./create.js";

export const timeline = defineDomain({
  toolset: "timeline",
  description: "Comments and activity on any object",
  tools: [timelineEntriesCreate],
});
