import { defineDomain } from "../domain.js";
import { engagementsCreate } from "./engagements-create.js";
import { engagementsDelete } from "./engagements-delete.js";
import { engagementsGet } from "./engagements-get.js";
import { engagementsList } from "./engagements-list.js";
import { engagementsUpdate } from "./engagements-update.js";

export const engagements = defineDomain({
  toolset: "engagements",
  description: "Customer engagements: calls, meetings, e-mails logged against accounts (beta)",
  tools: [engagementsList, engagementsGet, engagementsCreate, engagementsUpdate, engagementsDelete],
});
