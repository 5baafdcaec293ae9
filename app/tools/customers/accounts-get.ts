import { z } from "zod";
import { unwrap } from "../../devrev/client.js";
import { defineTool } from "../../mcp/tool.js";
import { expectKind } from "../shared/ids.js";
import { accountSchema, renderAccountDetail, toAccount } from "./customer-shape.js";

export const accountsGet = defineTool({
  name: "devrev_accounts_get",
  title: "Get an account",
  toolset: "customers",
  description:
    "Get a customer account by ACC-3, don: id or URL: name, tier, domains, websites, owners, description. " +
    "With its rev orgs, open tickets and conversations: devrev_customer_overview.",
  input: z.object({ id: z.string().min(1).describe("ACC-3, a don:core:...:account/N id or a DevRev URL") }),
  output: z.object({ account: accountSchema }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["accounts.get"],
  async handler(args, ctx) {
    const ref = expectKind(args.id, ["account"], "an account");
    const { account } = await unwrap(
      ctx.devrev.api.POST("/accounts.get", { body: { id: ref.id }, signal: ctx.signal }),
    );
    const shaped = toAccount(account, 4_000);
    return { text: renderAccountDetail(shaped), structured: { account: shaped } };
  },
});
