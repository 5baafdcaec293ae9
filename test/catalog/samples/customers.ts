import type { Samples } from "./types.js";

// Customers, users and conversations. Destructive samples delete seeded objects of different
// customers (Hooli's account, Initech's rev org, an Umbrella contact) so their order does not matter.

export const samples: Samples = {
  devrev_dev_users_list: { happy: { state: ["active"], limit: 5 }, bad: { state: ["sleeping"] } },
  devrev_dev_users_get: { happy: { id: "me" }, bad: { id: "" } },
  devrev_rev_users_list: { happy: { rev_org: ["ACC-1"], limit: 5 }, bad: { email: "alice@acme.test" } },
  devrev_rev_users_get: { happy: { id: "REVU-1" }, bad: { id: 7 } },
  devrev_rev_users_create: {
    happy: { display_name: "Matrix Contact", email: "matrix.contact@globex.test", rev_org: "REV-1" },
    bad: { display_name: "No customer", email: "nobody@example.test" },
  },
  devrev_rev_users_update: {
    happy: { id: "REVU-2", description: "Updated by the matrix" },
    bad: { id: "REVU-2" },
  },
  devrev_rev_users_delete: { happy: { id: "REVU-6" }, bad: { id: ["REVU-6"] } },

  devrev_customer_overview: { happy: { customer: "ACC-1" }, bad: { customer: "ACC-1", tickets: 500 } },
  devrev_accounts_list: { happy: { tier: ["enterprise"], limit: 5 }, bad: { limit: "five" } },
  devrev_accounts_get: { happy: { id: "ACC-2" }, bad: {} },
  devrev_accounts_create: {
    happy: { display_name: "Matrix Industries", domains: ["matrix.test"], tier: "startup" },
    bad: { display_name: "" },
  },
  devrev_accounts_update: { happy: { id: "ACC-3", tier: "growth" }, bad: { id: "ACC-3" } },
  devrev_accounts_delete: { happy: { id: "ACC-4" }, bad: { id: "" } },
  devrev_rev_orgs_list: { happy: { account: ["ACC-1"] }, bad: { account: "ACC-1" } },
  devrev_rev_orgs_get: { happy: { id: "REV-1" }, bad: { id: null } },
  devrev_meetings_list: { happy: { account: "Globex", limit: 5 }, bad: { state: ["maybe"] } },
  devrev_rev_orgs_create: {
    happy: { account: "ACC-1", display_name: "Globex EMEA" },
    bad: { account: "ACC-1" },
  },
  devrev_rev_orgs_update: { happy: { id: "REV-1", description: "Main workspace" }, bad: { id: "REV-1" } },
  devrev_rev_orgs_delete: { happy: { id: "REV-2" }, bad: {} },

  devrev_conversations_list: { happy: { stage: ["new"], limit: 5 }, bad: { created_after: "yesterday" } },
  devrev_conversations_get: { happy: { id: "CONV-1" }, bad: { id: "CONV-1", messages: 500 } },
  devrev_conversations_create: {
    happy: { title: "Matrix conversation", account: "ACC-1", message: "Hello from the matrix" },
    bad: { title: "" },
  },
  devrev_conversations_update: { happy: { id: "CONV-2", stage: "resolved" }, bad: { id: "CONV-2" } },
};
