import { defineDomain } from "../domain.js";
import { devUsersGet } from "./dev-users-get.js";
import { devUsersList } from "./dev-users-list.js";
import { meResource } from "./me-resource.js";
import { revUsersCreate } from "./rev-users-create.js";
import { revUsersDelete } from "./rev-users-delete.js";
import { revUsersGet } from "./rev-users-get.js";
import { revUsersList } from "./rev-users-list.js";
import { revUsersUpdate } from "./rev-users-update.js";
import { userResource } from "./user-resource.js";
import { whoami } from "./whoami.js";

export const users = defineDomain({
  toolset: "users",
  description: "Who am I; the team's dev users and customers' rev users (contacts)",
  tools: [
    whoami,
    devUsersList,
    devUsersGet,
    revUsersList,
    revUsersGet,
    revUsersCreate,
    revUsersUpdate,
    revUsersDelete,
  ],
  resources: [meResource, userResource],
});
