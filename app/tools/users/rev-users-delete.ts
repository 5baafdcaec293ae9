import { z } from "zod";
import { confirmQuestion } from "../../mcp/confirm.js";
import { defineTool } from "../../mcp/tool.js";
import { expectKind } from "../shared/ids.js";
import { revUserLabel, toRevUser } from "./user-shape.js";

export const revUsersDelete = defineTool({
  name: "devrev_rev_users_delete",
  title: "Delete a customer contact",
  toolset: "users",
  description:
    "Permanently delete a customer contact; their tickets stay, unlinked. Confirm with the user first.",
  input: z.object({ id: z.string().min(1) }),
  output: z.object({
    deleted: z.object({ id: z.string(), display_id: z.string().optional(), name: z.string().optional() }),
  }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  operations: ["rev-users.get", "rev-users.delete"],
  async handler(args, ctx) {
    const ref = expectKind(args.id, ["rev_user"], "a customer contact (rev user)");
    // Read first: the confirmation names who was deleted, and the delete uses the full id.
    const { rev_user } = await ctx.call("rev-users.get", { id: ref.id });
    const user = toRevUser(rev_user);
    await ctx.confirm(confirmQuestion("Delete the contact", user.display_id ?? user.id, revUserLabel(user)));
    await ctx.call("rev-users.delete", { id: rev_user.id });
    const deleted = {
      id: user.id,
      ...(user.display_id ? { display_id: user.display_id } : {}),
      ...(user.name ? { name: user.name } : {}),
    };
    return {
      text: `Deleted contact ${user.display_id ?? user.id} (${revUserLabel(user)}).`,
      structured: { deleted },
    };
  },
});
