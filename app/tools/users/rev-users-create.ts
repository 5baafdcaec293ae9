import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { ToolInputError } from "../../mcp/tool-errors.js";
import { expectKind } from "../shared/ids.js";
import { renderRevUserDetail, savedUser, savedUserSchema, toRevUser } from "./user-shape.js";

export const revUsersCreate = defineTool({
  name: "devrev_rev_users_create",
  title: "Create a customer contact",
  toolset: "users",
  description: "Add a contact to a customer: give rev_org or account (its default org). E-mails are unique.",
  input: z.object({
    display_name: z.string().trim().min(1).max(256),
    email: z.email().optional(),
    rev_org: z.string().min(1).optional(),
    account: z.string().min(1).optional(),
    phone_numbers: z.array(z.string().regex(/^\+[1-9]\d{4,14}$/, "use E.164, e.g. +14155550100")).optional(),
    description: z.string().max(4_000).optional(),
    external_ref: z.string().max(256).optional().describe("Id in your CRM"),
  }),
  output: z.object({ user: savedUserSchema }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  operations: ["rev-users.create"],
  async handler(args, ctx) {
    if (!args.rev_org === !args.account) {
      throw new ToolInputError(
        "A new contact must belong to one customer: give exactly one of rev_org (REV-2) or account (ACC-3).",
      );
    }
    const org = args.rev_org
      ? { rev_org: expectKind(args.rev_org, ["rev_org"], "a rev org").id }
      : { account: expectKind(args.account ?? "", ["account"], "an account").id };
    const { rev_user } = await ctx.call("rev-users.create", {
      display_name: args.display_name,
      ...org,
      ...(args.email ? { email: args.email } : {}),
      ...(args.phone_numbers?.length ? { phone_numbers: args.phone_numbers } : {}),
      ...(args.description ? { description: args.description } : {}),
      ...(args.external_ref ? { external_ref: args.external_ref } : {}),
    });
    const user = toRevUser(rev_user, true);
    return {
      text: `Created contact ${user.display_id ?? user.id}.\n${renderRevUserDetail(user)}`,
      structured: { user: savedUser(user) },
    };
  },
});
