import { defineDomain } from "../domain.js";
import { partsCreate } from "./create.js";
import { partsDelete } from "./delete.js";
import { partsGet } from "./get.js";
import { partsList } from "./list.js";
import { partResource } from "./resource.js";
import { partsUpdate } from "./update.js";

export const parts = defineDomain({
  toolset: "parts",
  description: "The product tree: products, capabilities, features, enhancements",
  tools: [partsList, partsGet, partsCreate, partsUpdate, partsDelete],
  resources: [partResource],
});
