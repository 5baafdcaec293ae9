import { defineDomain } from "../domain.js";
import { groupsCreate } from "./create.js";
import { groupsGet } from "./get.js";
import { groupsList } from "./list.js";
import { groupsMembers, groupsMembersRemove } from "./members.js";
import { groupsUpdate } from "./update.js";

export const groups = defineDomain({
  toolset: "groups",
  description: "Groups (teams) and their members",
  tools: [groupsList, groupsGet, groupsCreate, groupsUpdate, groupsMembers, groupsMembersRemove],
});
