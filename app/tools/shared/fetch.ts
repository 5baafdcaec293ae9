import type { Schemas, Work } from "../../devrev/types.js";
import type { ToolContext } from "../../mcp/tool.js";
import { expectKind, type ObjectKind, WORK_KINDS } from "./ids.js";

// Reading one object from what a person typed: the id is checked to be the right kind first, so a
// wrong kind gets our message naming the right tool rather than DevRev's 400 or 404.

/** A work item by display id (TKT-12) or don: id, limited to `kinds` (tickets only, issues only...). */
export async function fetchWork(
  input: string,
  ctx: ToolContext,
  kinds: readonly ObjectKind[] = WORK_KINDS,
  what = "a work item (ticket, issue, task)",
): Promise<Work> {
  const ref = expectKind(input, kinds, what);
  return (await ctx.call("works.get", { id: ref.id })).work;
}

/** An account by display id (ACC-3) or don: id. */
export async function fetchAccount(input: string, ctx: ToolContext): Promise<Schemas["account"]> {
  const ref = expectKind(input, ["account"], "an account");
  return (await ctx.call("accounts.get", { id: ref.id })).account;
}
