import { z } from "zod";
import { confirmQuestion } from "../../mcp/confirm.js";
import { defineTool } from "../../mcp/tool.js";
import { expectKind } from "../shared/ids.js";
import { toRevOrg } from "./customer-shape.js";

export const revOrgsDelete = defineTool({
  name: "devrev_rev_orgs_delete",
  title: "Delete a rev org",
  toolset: "customers",
  description: "Permanently delete a rev org; its contacts and tickets lose their customer. Confirm first.",
  input: z.object({ id: z.string().min(1) }),
  output: z.object({
    deleted: z.object({ id: z.string(), display_id: z.string().optional(), name: z.string() }),
  }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  operations: ["rev-orgs.get", "rev-orgs.delete"],
  async handler(args, ctx) {
    const ref = expectKind(args.id, ["rev_org"], "a rev org");
    const { rev_org } = await ctx.call("rev-orgs.get", { id: ref.id });
    const o = toRevOrg(rev_org);
    await ctx.confirm(confirmQuestion("Delete the rev org", o.display_id ?? o.id, o.name));
    await ctx.call("rev-orgs.delete", { id: rev_org.id });
    const deleted = { id: o.id, ...(o.display_id ? { display_id: o.display_id } : {}), name: o.name };
    return { text: `Deleted rev org ${o.display_id ?? o.id} (${o.name}).`, structured: { deleted } };
  },
});
