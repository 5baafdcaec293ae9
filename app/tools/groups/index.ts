import { defineDomain } from "../domain.js";
import { groupsCreate } from "./groups-create.js";
import { groupsGet } from "./groups-get.js";
import { groupsList } from "./groups-list.js";
import { groupsMembers } from "./groups-members.js";
import { groupsMembersRemove } from "./groups-members-remove.js";
import { groupsUpdate } from "./groups-update.js";

export const groups = defineDomain({
  toolset: "groups",
  description: "Groups (teams) and their members",
  tools: [groupsList, groupsGet, groupsCreate, groupsUpdate, groupsMembers, groupsMembersRemove],
});
