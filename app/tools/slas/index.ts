import { defineDomain } from "../domain.js";
import { slasGet } from "./get.js";
import { slasList } from "./list.js";
import { slaTrackersGet } from "./tracker.js";

export const slas = defineDomain({
  toolset: "slas",
  description: "Service-level agreements and a ticket's SLA status",
  tools: [slasList, slasGet, slaTrackersGet],
});
