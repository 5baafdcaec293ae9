import { defineDomain } from "../domain.js";
import { incidentsDelete } from "./delete.js";
import { incidentsGet } from "./get.js";
import { incidentsList } from "./list.js";
import { incidentsCreate, incidentsUpdate } from "./write.js";

export const incidents = defineDomain({
  toolset: "incidents",
  description: "Incidents: declare, track severity and stage, resolve (beta)",
  tools: [incidentsList, incidentsGet, incidentsCreate, incidentsUpdate, incidentsDelete],
});
