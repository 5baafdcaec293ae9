import { defineDomain } from "../domain.js";
import { tagsCreate } from "./create.js";
import { tagsDelete } from "./delete.js";
import { tagsGet } from "./get.js";
import { tagsList } from "./list.js";
import { tagsUpdate } from "./update.js";

export const tags = defineDomain({
  toolset: "tags",
  description: "Tags: list, read, create, rename, delete",
  tools: [tagsList, tagsGet, tagsCreate, tagsUpdate, tagsDelete],
});
