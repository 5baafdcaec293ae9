import { defineDomain } from "../domain.js";
import { slaTrackersGet } from "./sla-trackers-get.js";
import { slasGet } from "./slas-get.js";
import { slasList } from "./slas-list.js";

export const slas = defineDomain({
  toolset: "slas",
  description: "Service-level agreements and a ticket's SLA status",
  tools: [slasList, slasGet, slaTrackersGet],
});
