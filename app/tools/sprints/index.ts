import { defineDomain } from "../domain.js";
import { sprintsList } from "./sprints-list.js";
import { vistasGet } from "./vistas-get.js";
import { vistasList } from "./vistas-list.js";

export const sprints = defineDomain({
  toolset: "sprints",
  description: "Sprint boards (vistas) and their sprints",
  tools: [vistasList, vistasGet, sprintsList],
});
