import { defineDomain } from "../domain.js";
import { engagementsDelete } from "./delete.js";
import { engagementsGet } from "./get.js";
import { engagementsList } from "./list.js";
import { engagementsCreate, engagementsUpdate } from "./write.js";

export const engagements = defineDomain({
  toolset: "engagements",
  description: "Customer engagements: calls, meetings, e-mails logged against accounts (beta)",
  tools: [engagementsList, engagementsGet, engagementsCreate, engagementsUpdate, engagementsDelete],
});
