import { defineDomain } from "../domain.js";
import { meResource } from "./me-resource.js";
import { whoami } from "./whoami.js";

export const users = defineDomain({
  toolset: "users",
  description: "Who am I; the team's dev users and customers' rev users",
  tools: [whoami],
  resources: [meResource],
});
