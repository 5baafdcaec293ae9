import { defineDomain } from "../domain.js";
import { escalateTicket } from "./escalate-ticket-prompt.js";
import { findSimilarTickets } from "./find-similar-tickets-prompt.js";
import { investigateIssue } from "./investigate-issue-prompt.js";
import { workResource } from "./resource.js";
import { triageTicket } from "./triage-ticket-prompt.js";
import { weeklySupportReport } from "./weekly-support-report-prompt.js";
import { worksCreate } from "./works-create.js";
import { worksDelete } from "./works-delete.js";
import { worksGet } from "./works-get.js";
import { worksList } from "./works-list.js";
import { worksMine } from "./works-mine.js";
import { worksTransitions } from "./works-transitions.js";
import { worksUpdate } from "./works-update.js";

export const works = defineDomain({
  toolset: "works",
  description:
    "Tickets, issues and tasks: list, count, read, create, update, stage transitions, my open work",
  tools: [worksList, worksMine, worksGet, worksTransitions, worksCreate, worksUpdate, worksDelete],
  resources: [workResource],
  prompts: [triageTicket, escalateTicket, investigateIssue, weeklySupportReport, findSimilarTickets],
});
