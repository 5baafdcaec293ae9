import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { sanitizeLine } from "../../util/sanitize.js";
import { fields } from "../shared/format.js";

export const whoami = defineTool({
  name: "devrev_whoami",
  title: "Who am I",
  toolset: "users",
  inDefault: true,
  description: "The DevRev user this connection acts as: name, e-mail, id.",
  input: z.object({}),
  output: z.object({
    id: z.string(),
    display_id: z.string().optional(),
    display_name: z.string().optional(),
    full_name: z.string().optional(),
    email: z.string().optional(),
    state: z.string().optional(),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["dev-users.self"],
  async handler(_args, ctx) {
    const { dev_user: me } = await ctx.call("dev-users.self", {});
    const out = {
      id: me.id,
      ...(me.display_id ? { display_id: me.display_id } : {}),
      ...(me.display_name ? { display_name: sanitizeLine(me.display_name, 80) } : {}),
      ...(me.full_name ? { full_name: sanitizeLine(me.full_name, 120) } : {}),
      ...(me.email ? { email: me.email } : {}),
      ...(me.state ? { state: me.state } : {}),
    };
    const text = [
      `You are ${out.full_name ?? out.display_name ?? out.email ?? out.id} in DevRev.`,
      fields([
        ["email", out.email],
        ["handle", out.display_name],
        ["state", out.state],
      ]),
      `id: ${out.id}`,
    ]
      .filter(Boolean)
      .join("\n");
    return { text, structured: out };
  },
});
