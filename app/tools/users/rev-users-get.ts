import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { expectKind } from "../shared/ids.js";
import { renderRevUserDetail, revUserSchema, toRevUser } from "./user-shape.js";

export const revUsersGet = defineTool({
  name: "devrev_rev_users_get",
  title: "Get a customer contact",
  toolset: "users",
  description: "One customer contact (REVU-3): name, e-mail, phone, organisation, description.",
  input: z.object({ id: z.string().min(1) }),
  output: z.object({ user: revUserSchema }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["rev-users.get"],
  async handler(args, ctx) {
    const ref = expectKind(args.id, ["rev_user"], "a customer contact (rev user)");
    const { rev_user } = await ctx.call("rev-users.get", { id: ref.id });
    const user = toRevUser(rev_user, true);
    return { text: renderRevUserDetail(user), structured: { user } };
  },
});
