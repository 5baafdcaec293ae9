import type { ToolContext } from "../../mcp/tool.js";
import { ToolInputError } from "../../mcp/tool-errors.js";
import { expectKind, type ObjectKind, parseObjectRef, WORK_KINDS } from "./ids.js";

// Turning what a person typed into the ids DevRev filters and writes need.

/** The caller's dev user id: from the validated identity, else one dev-users.self call. */
export async function myUserId(ctx: ToolContext): Promise<string> {
  if (ctx.identity?.userId) return ctx.identity.userId;
  const me = await ctx.call("dev-users.self", {});
  return me.dev_user.id;
}

/** Accepts "me" and full dev user ids. */
export async function resolveUserIds(values: readonly string[], ctx: ToolContext): Promise<string[]> {
  const out: string[] = [];
  for (const v of values) {
    const t = v.trim();
    if (t.toLowerCase() === "me") out.push(await myUserId(ctx));
    else if (t.startsWith("don:")) out.push(expectKind(t, ["dev_user", "rev_user"], "a user id").id);
    else {
      throw new ToolInputError(
        `"${t}" is not a user id. Use "me" or a full id like don:identity:dvrv-us-1:devo/1abc:devu/3 (find ids with devrev_dev_users_list).`,
      );
    }
  }
  return out;
}

/** A work item's full id and type. Display ids are looked up, since writes need the don: id. */
export async function resolveWork(
  input: string,
  ctx: ToolContext,
): Promise<{ id: string; type: "ticket" | "issue" | "task" | "opportunity"; displayId: string | undefined }> {
  const ref = expectKind(input, WORK_KINDS, "a work item (ticket, issue, task)");
  if (ref.id.startsWith("don:") && isWorkKind(ref.kind))
    return { id: ref.id, type: ref.kind, displayId: undefined };
  const { work } = await ctx.call("works.get", { id: ref.id });
  return { id: work.id, type: work.type, displayId: work.display_id };
}

/** Part ids for filters and writes: display ids (PROD-1, FEAT-3) are looked up once each. */
export async function resolvePartId(input: string, ctx: ToolContext): Promise<string> {
  const ref = expectKind(input, PART_KINDS, "a part (product, capability, feature, enhancement)");
  if (ref.id.startsWith("don:")) return ref.id;
  const { part } = await ctx.call("parts.get", { id: ref.id });
  return part.id;
}

export const PART_KINDS: readonly ObjectKind[] = ["product", "capability", "feature", "enhancement"];

/** Any object's don: id, for links and timeline entries; works are resolved from display ids. */
export async function resolveAnyObjectId(input: string, ctx: ToolContext): Promise<string> {
  const ref = parseObjectRef(input);
  if (ref.id.startsWith("don:")) return ref.id;
  if (WORK_KINDS.includes(ref.kind)) return (await resolveWork(input, ctx)).id;
  if (PART_KINDS.includes(ref.kind)) return resolvePartId(input, ctx);
  throw new ToolInputError(
    `Give the full don: id for "${input}" (display ids are accepted for works and parts only).`,
  );
}

function isWorkKind(kind: ObjectKind): kind is "ticket" | "issue" | "task" | "opportunity" {
  return WORK_KINDS.includes(kind);
}
