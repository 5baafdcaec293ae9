import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { fetchAccount } from "../shared/fetch.js";
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
    const account = await fetchAccount(args.id, ctx);
    const shaped = toAccount(account, 4_000);
    return { text: renderAccountDetail(shaped), structured: { account: shaped } };
  },
});
