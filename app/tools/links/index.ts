import { defineDomain } from "../domain.js";
import { linksCreate } from "./create.js";
import { linksDelete } from "./delete.js";
import { linksList } from "./list.js";

export const links = defineDomain({
  toolset: "links",
  description: "Links between objects: related, dependent, duplicate, parent/child",
  tools: [linksList, linksCreate, linksDelete],
});
