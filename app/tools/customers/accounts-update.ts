import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { requireChanges } from "../shared/changes.js";
import { expectKind } from "../shared/ids.js";
import { LOOKUP_OPERATIONS } from "../shared/lookup.js";
import { resolveUserIds } from "../shared/resolve.js";
import { renderAccountDetail, saved, savedSchema, toAccount } from "./customer-shape.js";

const CHANGES = [
  "display_name",
  "description",
  "domains",
  "websites",
  "tier",
  "owned_by",
  "external_refs",
] as const;

export const accountsUpdate = defineTool({
  name: "devrev_accounts_update",
  title: "Update an account",
  toolset: "customers",
  description: "Change a customer account. List fields replace the old values.",
  input: z.object({
    id: z.string().min(1),
    display_name: z.string().trim().min(1).max(256).optional(),
    description: z.string().max(8_000).optional(),
    domains: z.array(z.string().trim().min(3)).optional(),
    websites: z.array(z.string().trim().min(3)).optional(),
    tier: z.string().trim().min(1).max(64).nullable().optional().describe("null clears it"),
    owned_by: z.array(z.string()).min(1).optional(),
    external_refs: z.array(z.string().trim().min(1)).optional(),
  }),
  output: z.object({ account: savedSchema, changed: z.array(z.string()) }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["accounts.update", ...LOOKUP_OPERATIONS.user],
  async handler(args, ctx) {
    const changed = requireChanges(args, CHANGES);
    const ref = expectKind(args.id, ["account"], "an account");
    const { account } = await ctx.call("accounts.update", {
      id: ref.id,
      ...(args.display_name !== undefined ? { display_name: args.display_name } : {}),
      ...(args.description !== undefined ? { description: args.description } : {}),
      ...(args.domains !== undefined ? { domains: args.domains } : {}),
      ...(args.websites !== undefined ? { websites: { set: args.websites } } : {}),
      ...(args.tier !== undefined ? { tier: args.tier } : {}),
      ...(args.owned_by ? { owned_by: await resolveUserIds(args.owned_by, ctx) } : {}),
      ...(args.external_refs !== undefined ? { external_refs: args.external_refs } : {}),
    });
    const shaped = toAccount(account, 4_000);
    return {
      text: `Updated ${shaped.display_id ?? shaped.id} (${changed.join(", ")}).\n${renderAccountDetail(shaped)}`,
      structured: { account: saved(shaped), changed: [...changed] },
    };
  },
});
