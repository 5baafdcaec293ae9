import { defineDomain } from "../domain.js";
import { articlesCreate } from "./create.js";
import { articlesDelete } from "./delete.js";
import { articlesGet } from "./get.js";
import { articlesList } from "./list.js";
import { articleResource } from "./resource.js";
import { articlesUpdate } from "./update.js";

export const articles = defineDomain({
  toolset: "articles",
  description: "Knowledge-base articles: list, count, read, write, delete",
  tools: [articlesList, articlesGet, articlesCreate, articlesUpdate, articlesDelete],
  resources: [articleResource],
});
