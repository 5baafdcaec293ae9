import { defineDomain } from "../domain.js";
import { incidentsCreate } from "./incidents-create.js";
import { incidentsDelete } from "./incidents-delete.js";
import { incidentsGet } from "./incidents-get.js";
import { incidentsList } from "./incidents-list.js";
import { incidentsUpdate } from "./incidents-update.js";

export const incidents = defineDomain({
  toolset: "incidents",
  description: "Incidents: declare, track severity and stage, resolve (beta)",
  tools: [incidentsList, incidentsGet, incidentsCreate, incidentsUpdate, incidentsDelete],
});
