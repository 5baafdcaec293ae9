import { defineDomain } from "../domain.js";
import { timelineEntriesCreate } from "./create.js";
import { timelineEntriesDelete } from "./delete.js";
import { timelineEntriesList } from "./list.js";
import { timelineEntriesUpdate } from "./update.js";

export const timeline = defineDomain({
  toolset: "timeline",
  description: "Comments and activity on any object: read, add, edit, delete",
  tools: [timelineEntriesList, timelineEntriesCreate, timelineEntriesUpdate, timelineEntriesDelete],
});
