// Every operation the sandbox answers, by its path without the leading slash ("works.list").
import { articlesHandlers } from "./articles.js";
import type { Handlers } from "./context.js";
import { conversationsHandlers } from "./conversations.js";
import { engagementsHandlers } from "./engagements.js";
import { groupsHandlers } from "./groups.js";
import { incidentsHandlers } from "./incidents.js";
import { linksHandlers } from "./links.js";
import { orgsHandlers } from "./orgs.js";
import { partsHandlers } from "./parts.js";
import { questionAnswersHandlers } from "./question-answers.js";
import { recommendationsHandlers } from "./recommendations.js";
import { schemasHandlers } from "./schemas.js";
import { searchHandlers } from "./search.js";
import { slasHandlers } from "./slas.js";
import { stagesHandlers } from "./stages.js";
import { tagsHandlers } from "./tags.js";
import { timelineHandlers } from "./timeline.js";
import { usersHandlers } from "./users.js";
import { vistasHandlers } from "./vistas.js";
import { worksHandlers } from "./works.js";

export const handlers: Handlers = {
  ...worksHandlers,
  ...usersHandlers,
  ...orgsHandlers,
  ...partsHandlers,
  ...tagsHandlers,
  ...timelineHandlers,
  ...articlesHandlers,
  ...conversationsHandlers,
  ...groupsHandlers,
  ...linksHandlers,
  ...slasHandlers,
  ...vistasHandlers,
  ...stagesHandlers,
  ...schemasHandlers,
  ...searchHandlers,
  ...questionAnswersHandlers,
  ...incidentsHandlers,
  ...engagementsHandlers,
  ...recommendationsHandlers,
};

export type { Ctx, Handler, Handlers } from "./context.js";
