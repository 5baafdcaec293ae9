import { defineDomain } from "../domain.js";
import { linksCreate } from "./links-create.js";
import { linksDelete } from "./links-delete.js";
import { linksList } from "./links-list.js";

export const links = defineDomain({
  toolset: "links",
  description: "Links between objects: related, dependent, duplicate, parent/child",
  tools: [linksList, linksCreate, linksDelete],
});
