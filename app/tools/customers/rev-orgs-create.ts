import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { expectKind } from "../shared/ids.js";
import { renderRevOrgDetail, saved, savedSchema, toRevOrg } from "./customer-shape.js";

export const revOrgsCreate = defineTool({
  name: "devrev_rev_orgs_create",
  title: "Create a rev org",
  toolset: "customers",
  description: "Add a rev org (e.g. a subsidiary) to an account; new accounts already have a default one.",
  input: z.object({
    account: z.string().min(1),
    display_name: z.string().trim().min(1).max(256),
    description: z.string().max(8_000).optional(),
    tier: z.string().trim().min(1).max(64).optional(),
    external_ref: z.string().trim().min(1).max(256).optional(),
  }),
  output: z.object({ rev_org: savedSchema }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  operations: ["rev-orgs.create"],
  async handler(args, ctx) {
    const account = expectKind(args.account, ["account"], "an account").id;
    const { rev_org } = await ctx.call("rev-orgs.create", {
      account,
      display_name: args.display_name,
      ...(args.description ? { description: args.description } : {}),
      ...(args.tier ? { tier: args.tier } : {}),
      ...(args.external_ref ? { external_ref: args.external_ref } : {}),
    });
    const shaped = toRevOrg(rev_org, 4_000);
    return {
      text: `Created rev org ${shaped.display_id ?? shaped.id}.\n${renderRevOrgDetail(shaped)}`,
      structured: { rev_org: saved(shaped) },
    };
  },
});
