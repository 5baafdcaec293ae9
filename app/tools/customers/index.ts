import { defineDomain } from "../domain.js";
import { accountsCreate } from "./accounts-create.js";
import { accountsDelete } from "./accounts-delete.js";
import { accountsGet } from "./accounts-get.js";
import { accountsList } from "./accounts-list.js";
import { accountsUpdate } from "./accounts-update.js";
import { customerOverview } from "./customer-overview.js";
import { draftCustomerResponse } from "./draft-customer-response-prompt.js";
import { meetingsList } from "./meetings-list.js";
import { onboardCustomer } from "./onboard-customer-prompt.js";
import { accountResource, revOrgResource } from "./resources.js";
import { revOrgsCreate } from "./rev-orgs-create.js";
import { revOrgsDelete } from "./rev-orgs-delete.js";
import { revOrgsGet } from "./rev-orgs-get.js";
import { revOrgsList } from "./rev-orgs-list.js";
import { revOrgsUpdate } from "./rev-orgs-update.js";
import { summarizeAccount } from "./summarize-account-prompt.js";

export const customers = defineDomain({
  toolset: "customers",
  description:
    "Customer accounts and rev orgs, their meetings, and everything about one customer in a single call",
  tools: [
    customerOverview,
    accountsList,
    accountsGet,
    accountsCreate,
    accountsUpdate,
    accountsDelete,
    revOrgsList,
    revOrgsGet,
    revOrgsCreate,
    revOrgsUpdate,
    revOrgsDelete,
    meetingsList,
  ],
  resources: [accountResource, revOrgResource],
  prompts: [summarizeAccount, onboardCustomer, draftCustomerResponse],
});
