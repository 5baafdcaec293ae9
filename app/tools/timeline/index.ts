import { defineDomain } from "../domain.js";
import { timelineEntriesCreate } from "./timeline-entries-create.js";
import { timelineEntriesDelete } from "./timeline-entries-delete.js";
import { timelineEntriesList } from "./timeline-entries-list.js";
import { timelineEntriesUpdate } from "./timeline-entries-update.js";

export const timeline = defineDomain({
  toolset: "timeline",
  description: "Comments and activity on any object: read, add, edit, delete",
  tools: [timelineEntriesList, timelineEntriesCreate, timelineEntriesUpdate, timelineEntriesDelete],
});
