import { defineDomain } from "../domain.js";
import { partsCreate } from "./parts-create.js";
import { partsDelete } from "./parts-delete.js";
import { partsGet } from "./parts-get.js";
import { partsList } from "./parts-list.js";
import { partsUpdate } from "./parts-update.js";
import { partResource } from "./resource.js";

export const parts = defineDomain({
  toolset: "parts",
  description: "The product tree: products, capabilities, features, enhancements",
  tools: [partsList, partsGet, partsCreate, partsUpdate, partsDelete],
  resources: [partResource],
});
