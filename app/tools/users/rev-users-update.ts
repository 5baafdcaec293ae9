import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { requireChanges } from "../shared/changes.js";
import { expectKind } from "../shared/ids.js";
import { renderRevUserDetail, savedUser, savedUserSchema, toRevUser } from "./user-shape.js";

const CHANGES = ["display_name", "email", "phone_numbers", "description", "external_ref"] as const;

export const revUsersUpdate = defineTool({
  name: "devrev_rev_users_update",
  title: "Update a customer contact",
  toolset: "users",
  description: "Change a customer contact's name, e-mail, phones, description or external ref.",
  input: z.object({
    id: z.string().min(1),
    display_name: z.string().trim().min(1).max(256).optional(),
    email: z.email().optional(),
    phone_numbers: z
      .array(z.string().regex(/^\+[1-9]\d{4,14}$/, "use E.164, e.g. +14155550100"))
      .optional()
      .describe("Replaces them"),
    description: z.string().max(4_000).optional(),
    external_ref: z.string().max(256).optional(),
  }),
  output: z.object({ user: savedUserSchema, changed: z.array(z.string()) }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["rev-users.update"],
  async handler(args, ctx) {
    const changed = requireChanges(args, CHANGES);
    const ref = expectKind(args.id, ["rev_user"], "a customer contact (rev user)");
    const { rev_user } = await ctx.call("rev-users.update", {
      id: ref.id,
      ...(args.display_name !== undefined ? { display_name: args.display_name } : {}),
      ...(args.email !== undefined ? { email: args.email } : {}),
      ...(args.phone_numbers !== undefined ? { phone_numbers: args.phone_numbers } : {}),
      ...(args.description !== undefined ? { description: args.description } : {}),
      ...(args.external_ref !== undefined ? { external_ref: args.external_ref } : {}),
    });
    const user = toRevUser(rev_user, true);
    return {
      text: `Updated ${user.display_id ?? user.id} (${changed.join(", ")}).\n${renderRevUserDetail(user)}`,
      structured: { user: savedUser(user), changed: [...changed] },
    };
  },
});
