import { defineDomain } from "../domain.js";
import { customFieldsGet } from "./custom-fields-get.js";
import { subtypesList } from "./subtypes-list.js";

export const schemas = defineDomain({
  toolset: "schemas",
  description: "Subtypes and the stock and custom fields of each object type",
  tools: [subtypesList, customFieldsGet],
});
