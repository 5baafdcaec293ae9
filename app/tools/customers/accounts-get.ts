import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { expectKind } from "../shared/ids.js";
import { accountSchema, renderAccountDetail, toAccount } from "./customer-shape.js";

export const accountsGet = defineTool({
  name: "devrev_accounts_get",
  title: "Get an account",
  toolset: "customers",
  description: "One customer account: name, tier, domains, websites, owners, description.",
  input: z.object({ id: z.string().min(1) }),
  output: z.object({ account: accountSchema }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["accounts.get"],
  async handler(args, ctx) {
    const ref = expectKind(args.id, ["account"], "an account");
    const { account } = await ctx.call("accounts.get", { id: ref.id });
    const shaped = toAccount(account, 4_000);
    return { text: renderAccountDetail(shaped), structured: { account: shaped } };
  },
});
