import { defineDomain } from "../domain.js";
import { articlesCreate } from "./articles-create.js";
import { articlesDelete } from "./articles-delete.js";
import { articlesGet } from "./articles-get.js";
import { articlesList } from "./articles-list.js";
import { articlesUpdate } from "./articles-update.js";
import { articleResource } from "./resource.js";

export const articles = defineDomain({
  toolset: "articles",
  description: "Knowledge-base articles: list, count, read, write, delete",
  tools: [articlesList, articlesGet, articlesCreate, articlesUpdate, articlesDelete],
  resources: [articleResource],
});
