import { defineDomain } from "../domain.js";
import { worksCreate } from "./create.js";
import { worksGet } from "./get.js";
import { worksList } from "./list.js";
import { workResource } from "./resource.js";
import { triageTicket } from "./triage-ticket-prompt.js";
import { worksUpdate } from "./update.js";

export const works = defineDomain({
  toolset: "works",
  description: "Tickets, issues and tasks: list, read, create, update, stage transitions",
  tools: [worksList, worksGet, worksCreate, worksUpdate],
  resources: [workResource],
  prompts: [triageTicket],
});
