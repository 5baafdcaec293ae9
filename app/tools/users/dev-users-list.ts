import { z } from "zod";
import { clampLimit } from "../../devrev/paginate.js";
import { defineTool } from "../../mcp/tool.js";
import { cursorInput, limitInput } from "../shared/inputs.js";
import { listOutput, pageOutput } from "../shared/page.js";
import { devUserSchema, renderDevUserLine, toDevUser, USER_STATES } from "./user-shape.js";

export const devUsersList = defineTool({
  name: "devrev_dev_users_list",
  title: "List dev users (team members)",
  toolset: "users",
  inDefault: true,
  description:
    "Your organisation's members (dev users), by exact e-mail or state. For customer contacts use " +
    "devrev_rev_users_list.",
  input: z.object({
    email: z.array(z.string().trim().min(3)).optional(),
    state: z.array(z.enum(USER_STATES)).optional(),
    cursor: cursorInput,
    limit: limitInput,
  }),
  output: pageOutput(devUserSchema),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["dev-users.list"],
  async handler(args, ctx) {
    const res = await ctx.call("dev-users.list", {
      limit: clampLimit(args.limit),
      ...(args.cursor ? { cursor: args.cursor } : {}),
      ...(args.email?.length ? { email: args.email } : {}),
      ...(args.state?.length ? { state: args.state } : {}),
    });
    const items = res.dev_users.map(toDevUser);
    return listOutput(items, {
      line: renderDevUserLine,
      empty: "No dev users match these filters.",
      noun: "dev users",
      nextCursor: res.next_cursor,
    });
  },
});
