import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { requireChanges } from "../shared/changes.js";
import { expectKind } from "../shared/ids.js";
import { renderRevOrgDetail, saved, savedSchema, toRevOrg } from "./customer-shape.js";

const CHANGES = ["display_name", "description", "tier", "external_ref"] as const;

export const revOrgsUpdate = defineTool({
  name: "devrev_rev_orgs_update",
  title: "Update a rev org",
  toolset: "customers",
  description: "Change a rev org's name, description, tier or external ref.",
  input: z.object({
    id: z.string().min(1),
    display_name: z.string().trim().min(1).max(256).optional(),
    description: z.string().max(8_000).optional(),
    tier: z.string().trim().min(1).max(64).optional(),
    external_ref: z.string().trim().min(1).max(256).optional(),
  }),
  output: z.object({ rev_org: savedSchema, changed: z.array(z.string()) }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["rev-orgs.update"],
  async handler(args, ctx) {
    const changed = requireChanges(args, CHANGES);
    const ref = expectKind(args.id, ["rev_org"], "a rev org");
    const { rev_org } = await ctx.call("rev-orgs.update", {
      id: ref.id,
      ...(args.display_name !== undefined ? { display_name: args.display_name } : {}),
      ...(args.description !== undefined ? { description: args.description } : {}),
      ...(args.tier !== undefined ? { tier: args.tier } : {}),
      ...(args.external_ref !== undefined ? { external_ref: args.external_ref } : {}),
    });
    const shaped = toRevOrg(rev_org, 4_000);
    return {
      text: `Updated ${shaped.display_id ?? shaped.id} (${changed.join(", ")}).\n${renderRevOrgDetail(shaped)}`,
      structured: { rev_org: saved(shaped), changed: [...changed] },
    };
  },
});
