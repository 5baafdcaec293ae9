import { z } from "zod";
import type { ToolContext } from "../../mcp/tool.js";
import { defineTool } from "../../mcp/tool.js";
import { expectKind } from "../shared/ids.js";
import { devUserSchema, renderDevUserDetail, toDevUser } from "./user-shape.js";

/** A dev user by "me", DEVU-2 or a don: id. */
export async function fetchDevUser(input: string, ctx: ToolContext) {
  if (input.trim().toLowerCase() === "me") {
    const { dev_user } = await ctx.call("dev-users.self", {});
    return dev_user;
  }
  const ref = expectKind(input, ["dev_user"], "a dev user (team member)");
  const { dev_user } = await ctx.call("dev-users.get", { id: ref.id });
  return dev_user;
}

export const devUsersGet = defineTool({
  name: "devrev_dev_users_get",
  title: "Get a dev user",
  toolset: "users",
  description: "One member of your organisation (DEVU-2): name, e-mail, handle, state, timezone.",
  input: z.object({ id: z.string().min(1) }),
  output: z.object({ user: devUserSchema }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["dev-users.get", "dev-users.self"],
  async handler(args, ctx) {
    const user = toDevUser(await fetchDevUser(args.id, ctx));
    return { text: renderDevUserDetail(user), structured: { user } };
  },
});
