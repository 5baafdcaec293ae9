import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { expectKind } from "../shared/ids.js";
import { renderRevOrgDetail, revOrgSchema, toRevOrg } from "./customer-shape.js";

export const revOrgsGet = defineTool({
  name: "devrev_rev_orgs_get",
  title: "Get a rev org",
  toolset: "customers",
  description: "One rev org (REV-2), or an account's (ACC-3) default rev org.",
  input: z.object({ id: z.string().min(1) }),
  output: z.object({ rev_org: revOrgSchema }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["rev-orgs.get"],
  async handler(args, ctx) {
    const ref = expectKind(args.id, ["rev_org", "account"], "a rev org");
    const body = ref.kind === "account" ? { account: ref.id } : { id: ref.id };
    const { rev_org } = await ctx.call("rev-orgs.get", body);
    const shaped = toRevOrg(rev_org, 4_000);
    return { text: renderRevOrgDetail(shaped), structured: { rev_org: shaped } };
  },
});
