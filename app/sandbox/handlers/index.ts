// Every operation the sandbox answers, by its path without the leading slash ("works.list").

import { type Fields, type FieldTree, fieldTree } from "../fields.js";
import { articlesFields, articlesHandlers } from "./articles.js";
import { artifactsFields, artifactsHandlers } from "./artifacts.js";
import type { Handlers } from "./context.js";
import { conversationsFields, conversationsHandlers } from "./conversations.js";
import { engagementsFields, engagementsHandlers } from "./engagements.js";
import { groupsFields, groupsHandlers } from "./groups.js";
import { incidentsFields, incidentsHandlers } from "./incidents.js";
import { linksFields, linksHandlers } from "./links.js";
import { meetingsFields, meetingsHandlers } from "./meetings.js";
import { orgsFields, orgsHandlers } from "./orgs.js";
import { partsFields, partsHandlers } from "./parts.js";
import { questionAnswersFields, questionAnswersHandlers } from "./question-answers.js";
import { recommendationsFields, recommendationsHandlers } from "./recommendations.js";
import { schemasFields, schemasHandlers } from "./schemas.js";
import { searchFields, searchHandlers } from "./search.js";
import { slasFields, slasHandlers } from "./slas.js";
import { stagesFields, stagesHandlers } from "./stages.js";
import { tagsFields, tagsHandlers } from "./tags.js";
import { timelineFields, timelineHandlers } from "./timeline.js";
import { usersFields, usersHandlers } from "./users.js";
import { vistasFields, vistasHandlers } from "./vistas.js";
import { worksFields, worksHandlers } from "./works.js";

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
  ...meetingsHandlers,
  ...artifactsHandlers,
  ...recommendationsHandlers,
};

/** The request fields each operation accepts (see fields.ts); every handler has an entry. */
export const fields: Fields = {
  ...articlesFields,
  ...conversationsFields,
  ...engagementsFields,
  ...meetingsFields,
  ...artifactsFields,
  ...groupsFields,
  ...incidentsFields,
  ...linksFields,
  ...orgsFields,
  ...partsFields,
  ...questionAnswersFields,
  ...recommendationsFields,
  ...schemasFields,
  ...searchFields,
  ...slasFields,
  ...stagesFields,
  ...tagsFields,
  ...timelineFields,
  ...usersFields,
  ...vistasFields,
  ...worksFields,
};

const trees = new Map(Object.entries(fields).map(([op, paths]) => [op, fieldTree(paths)]));

/** The declared field tree of an operation; none declared means no field is accepted. */
export function fieldsOf(op: string): FieldTree {
  return trees.get(op) ?? {};
}

export type { Ctx, Handler, Handlers } from "./context.js";
