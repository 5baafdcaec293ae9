// Change events on an object's timeline. The live API mixes these `timeline_change_event` entries
// into timeline lists, so clients must skip what they cannot show.
import type { ChangeEvent, TimelineRec } from "./records.js";
import type { Store } from "./store.js";

export function recordChange(
  store: Store,
  objectId: string,
  by: string,
  at: string,
  event: ChangeEvent,
): TimelineRec {
  const n = store.timeline.nextNum();
  return store.timeline.insert({
    id: `${objectId}:event/${n}`,
    type: "timeline_change_event",
    object: objectId,
    visibility: "internal",
    labels: [],
    panels: ["events"],
    event,
    created_by: by,
    created_date: at,
    modified_by: by,
    modified_date: at,
  });
}

export function addComment(
  store: Store,
  objectId: string,
  by: string,
  at: string,
  body: string,
  visibility: TimelineRec["visibility"] = "internal",
): TimelineRec {
  const n = store.timeline.nextNum();
  return store.timeline.insert({
    id: `${objectId}:comment/${n}`,
    type: "timeline_comment",
    object: objectId,
    body,
    body_type: "text",
    visibility,
    labels: [],
    panels: ["discussions"],
    created_by: by,
    created_date: at,
    modified_by: by,
    modified_date: at,
  });
}
