import { defineResource } from "../../mcp/resource.js";
import { completeAccountIds, completeRevOrgIds } from "../shared/completion-sources.js";
import { fetchAccount } from "../shared/fetch.js";
import { expectKind } from "../shared/ids.js";
import { revOrgsOfAccount } from "./customer-refs.js";
import {
  renderAccountDetail,
  renderRevOrgDetail,
  renderRevOrgLine,
  toAccount,
  toRevOrg,
} from "./customer-shape.js";

export const accountResource = defineResource({
  name: "account",
  title: "Account",
  description: "A customer account (ACC-3 or don: id) with its rev orgs",
  uri: "devrev://accounts/{id}",
  mimeType: "text/markdown",
  needs: ["devrev_accounts_get", "devrev_rev_orgs_list"],
  async read(params, ctx) {
    const account = await fetchAccount(params.id ?? "", ctx);
    const { revOrgs, complete } = await revOrgsOfAccount(account.id, ctx);
    return [
      renderAccountDetail(toAccount(account, 8_000)),
      "",
      `## Rev orgs (${revOrgs.length}${complete ? "" : "+"})`,
      revOrgs.length ? revOrgs.map((o) => renderRevOrgLine(toRevOrg(o))).join("\n") : "(none)",
    ].join("\n");
  },
  complete: { id: completeAccountIds },
});

export const revOrgResource = defineResource({
  name: "rev-org",
  title: "Rev org",
  description: "A customer rev org (REV-2 or don: id): the workspace its contacts and tickets belong to",
  uri: "devrev://rev-orgs/{id}",
  mimeType: "text/markdown",
  needs: ["devrev_rev_orgs_get"],
  async read(params, ctx) {
    const ref = expectKind(params.id ?? "", ["rev_org"], "a rev org");
    const { rev_org } = await ctx.call("rev-orgs.get", { id: ref.id });
    return renderRevOrgDetail(toRevOrg(rev_org, 8_000));
  },
  complete: { id: completeRevOrgIds },
});
