// The org's people: dev users (three with sandbox PATs), four customer accounts with their default
// rev orgs and contacts, and the support and engineering groups.

import { withArticle } from "../../util/indefinite-article.js";
import { insertGroup } from "../handlers/groups.js";
import { insertRevOrg } from "../handlers/orgs.js";
import { coreId, identityId } from "../ids.js";
import type { Store } from "../store.js";
import type { SeedClock } from "./clock.js";

export interface Customer {
  name: string;
  account: string;
  revOrg: string;
  contacts: string[];
  enterprise: boolean;
}

export interface People {
  alice: string;
  bob: string;
  eve: string;
  carol: string;
  dan: string;
  devs: string[];
  customers: Customer[];
  groups: { support: string; billing: string; mobile: string; platform: string };
}

const DEV_USERS = [
  ["alice", "Alice Anders", "alice@acme.test", "active", "Europe/Berlin"],
  ["bob", "Bob Brandt", "bob@acme.test", "active", "America/New_York"],
  ["eve", "Eve Evans", "eve@other.test", "active", "Europe/London"],
  ["carol", "Carol Chen", "carol@acme.test", "active", "America/Los_Angeles"],
  ["dan", "Dan Diaz", "dan@acme.test", "active", "America/Chicago"],
  ["frank", "Frank Fischer", "frank@acme.test", "deactivated", "Europe/Berlin"],
] as const;

const CUSTOMERS = [
  ["Globex", "enterprise", "globex.test", ["Hank Scorpio", "Mindy Simmons"]],
  ["Initech", "growth", "initech.test", ["Peter Gibbons", "Milton Waddams"]],
  ["Umbrella", "enterprise", "umbrella.test", ["Jill Valentine", "Albert Wesker"]],
  ["Hooli", "startup", "hooli.test", ["Gavin Belson", "Nelson Bighetti"]],
] as const;

export function seedPeople(store: Store, clock: SeedClock): People {
  const ids = new Map<string, string>();
  for (const [key, name, email, state, timezone] of DEV_USERS) {
    const n = store.devUsers.nextNum();
    const id = identityId(`devu/${n}`);
    ids.set(key, id);
    const at = clock.at(-365 + n);
    store.devUsers.insert({
      id,
      display_id: `DEVU-${n}`,
      display_name: key,
      full_name: name,
      email,
      state,
      timezone,
      created_by: id,
      created_date: at,
      modified_by: id,
      modified_date: at,
    });
  }
  const get = (key: string) => ids.get(key) ?? "";
  const alice = get("alice");
  const stamp = (days: number, by = alice) => ({
    created_by: by,
    created_date: clock.at(days),
    modified_by: by,
    modified_date: clock.at(days),
  });

  const customers = CUSTOMERS.map(([name, tier, domain, contacts], i): Customer => {
    const n = store.accounts.nextNum();
    const account = store.accounts.insert({
      id: coreId(`account/${n}`),
      display_id: `ACC-${n}`,
      display_name: name,
      description: `${name} is ${withArticle(tier)} customer using Billing and the Mobile App.`,
      domains: [domain],
      websites: [`https://www.${domain}`],
      external_refs: [`crm-${name.toLowerCase()}`],
      tier,
      owned_by: [i % 2 === 0 ? alice : get("bob")],
      tags: [],
      ...stamp(-300 + i * 10),
    });
    const revOrg = insertRevOrg(store, {
      display_name: name,
      account: account.id,
      tags: [],
      ...stamp(-300 + i * 10),
    });
    const contactIds = contacts.map((full) => {
      const m = store.revUsers.nextNum();
      const first = full.split(" ")[0]?.toLowerCase() ?? "contact";
      return store.revUsers.insert({
        id: `${revOrg.id}:revu/${m}`,
        display_id: `REVU-${m}`,
        display_name: full,
        full_name: full,
        email: `${first}@${domain}`,
        rev_org: revOrg.id,
        external_ref: `${first}@${domain}`,
        phone_numbers: [],
        tags: [],
        ...stamp(-290 + i * 10 + m),
      }).id;
    });
    return {
      name,
      account: account.id,
      revOrg: revOrg.id,
      contacts: contactIds,
      enterprise: tier === "enterprise",
    };
  });

  const group = (
    name: string,
    description: string,
    members: string[],
    memberType: "dev_user" | "rev_user" = "dev_user",
    groupType: "static" | "dynamic" = "static",
  ) =>
    insertGroup(store, {
      name,
      description,
      group_type: groupType,
      member_type: memberType,
      owner: alice,
      is_default: false,
      members,
      ...stamp(-200),
    }).id;
  const [bob, carol, dan] = [get("bob"), get("carol"), get("dan")];
  const groups = {
    support: group("Support L1", "First-line customer support", [alice, bob, carol]),
    billing: group("Billing Engineering", "Owns Billing: invoicing and payments", [carol, dan, alice]),
    mobile: group("Mobile Engineering", "Owns the iOS and Android apps", [bob, dan]),
    platform: group(
      "Enterprise contacts",
      "Customer contacts at enterprise accounts",
      [...(customers[0]?.contacts ?? []), ...(customers[2]?.contacts ?? [])],
      "rev_user",
    ),
    // Dynamic: DevRev computes the members from a rule (here: every active engineer).
    engineers: group(
      "All engineers",
      "Every active member of engineering",
      [alice, bob, carol, dan],
      "dev_user",
      "dynamic",
    ),
  };
  return { alice, bob, eve: get("eve"), carol, dan, devs: [alice, bob, carol, dan], customers, groups };
}
