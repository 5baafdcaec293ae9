import { z } from "zod";
import { confirmQuestion } from "../../mcp/confirm.js";
import { defineTool } from "../../mcp/tool.js";
import { fetchAccount } from "../shared/fetch.js";
import { toAccount } from "./customer-shape.js";

export const accountsDelete = defineTool({
  name: "devrev_accounts_delete",
  title: "Delete an account",
  toolset: "customers",
  description:
    "Permanently delete an account and its rev orgs; its tickets lose their customer. Confirm first.",
  input: z.object({ id: z.string().min(1) }),
  output: z.object({
    deleted: z.object({ id: z.string(), display_id: z.string().optional(), name: z.string() }),
  }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  operations: ["accounts.get", "accounts.delete"],
  async handler(args, ctx) {
    // Read first: the confirmation names what was deleted, and the delete uses the full id.
    const account = await fetchAccount(args.id, ctx);
    const a = toAccount(account);
    await ctx.confirm(confirmQuestion("Delete the account", a.display_id ?? a.id, a.name));
    await ctx.call("accounts.delete", { id: account.id });
    const deleted = { id: a.id, ...(a.display_id ? { display_id: a.display_id } : {}), name: a.name };
    return { text: `Deleted account ${a.display_id ?? a.id} (${a.name}).`, structured: { deleted } };
  },
});
