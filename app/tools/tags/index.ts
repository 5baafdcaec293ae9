import { defineDomain } from "../domain.js";
import { tagsCreate } from "./tags-create.js";
import { tagsDelete } from "./tags-delete.js";
import { tagsGet } from "./tags-get.js";
import { tagsList } from "./tags-list.js";
import { tagsUpdate } from "./tags-update.js";

export const tags = defineDomain({
  toolset: "tags",
  description: "Tags: list, read, create, rename, delete",
  tools: [tagsList, tagsGet, tagsCreate, tagsUpdate, tagsDelete],
});
