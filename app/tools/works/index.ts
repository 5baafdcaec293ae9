import { defineDomain } from "../domain.js";
import { worksCreate } from "./works-create.js";
import { worksDelete } from "./works-delete.js";
import { escalateTicket } from "./escalate-ticket-prompt.js";
import { findSimilarTickets } from "./find-similar-tickets-prompt.js";
import { worksGet } from "./works-get.js";
import { investigateIssue } from "./investigate-issue-prompt.js";
import { worksList } from "./works-list.js";
import { worksMine } from "./works-mine.js";
import { workResource } from "./resource.js";
import { worksTransitions } from "./works-transitions.js";
import { triageTicket } from "./triage-ticket-prompt.js";
import { worksUpdate } from "./works-update.js";
import { weeklySupportReport } from "./weekly-support-report-prompt.js";

export const works = defineDomain({
  toolset: "works",
  description:
    "Tickets, issues and tasks: list, count, read, create, update, stage transitions, my open work",
  tools: [worksList, worksMine, worksGet, worksTransitions, worksCreate, worksUpdate, worksDelete],
  resources: [workResource],
  prompts: [triageTicket, escalateTicket, investigateIssue, weeklySupportReport, findSimilarTickets],
});
