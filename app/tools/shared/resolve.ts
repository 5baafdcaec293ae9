import type { ToolContext } from "../../mcp/tool.js";
import { ToolInputError } from "../../mcp/tool-errors.js";
import { expectKind, type ObjectKind, parseObjectRef, WORK_KINDS } from "./ids.js";
import { callerId, lookupId, lookupIds } from "./lookup.js";

// Turning what a person typed into the ids DevRev filters and writes need.

/** The caller's dev user id: from the validated identity, else one dev-users.self call. */
export function myUserId(ctx: ToolContext): Promise<string> {
  return callerId(ctx);
}

/** User ids from "me", DEVU-2, REVU-4, don: ids, e-mails and names (see lookup.ts). */
export function resolveUserIds(
  values: readonly string[],
  ctx: ToolContext,
  field = "user",
): Promise<string[]> {
  return lookupIds("user", values, ctx, field);
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

/** Dev user ids (owners, authors): "me", DEVU-2, don: ids, e-mails and names. */
export function resolveDevUserIds(
  values: readonly string[],
  ctx: ToolContext,
  field = "owned_by",
): Promise<string[]> {
  return lookupIds("dev_user", values, ctx, field);
}

/** A part's don: id from PROD-1, FEAT-3, a don: id or its name ("Payments"). */
export function resolvePartId(input: string, ctx: ToolContext, field = "part"): Promise<string> {
  return lookupId("part", input, ctx, field);
}

/**
 * Part don: ids from PROD-1, FEAT-3, don: ids or names, each resolved once per request: 20,000
 * repeats of "PROD-1" are one parts.get.
 */
export function resolvePartIds(
  values: readonly string[],
  ctx: ToolContext,
  field = "part",
): Promise<string[]> {
  return lookupIds("part", values, ctx, field);
}

/** Tag ids from TAG-7, don: ids or tag names ("urgent"). */
export function resolveTagIds(
  values: readonly string[],
  ctx: ToolContext,
  field = "tags",
): Promise<string[]> {
  return lookupIds("tag", values, ctx, field);
}

/**
 * The `tags` update field of an update tool's `add_tags` / `remove_tags` arguments, resolved from any
 * tag form: `{}` when neither is given, so callers can spread it into the update body.
 */
export async function tagChanges(
  args: { add_tags?: readonly string[]; remove_tags?: readonly string[] },
  ctx: ToolContext,
): Promise<{ tags?: { add?: { id: string }[]; remove?: { id: string }[] } }> {
  const add = args.add_tags ? await resolveTagIds(args.add_tags, ctx, "add_tags") : undefined;
  const remove = args.remove_tags ? await resolveTagIds(args.remove_tags, ctx, "remove_tags") : undefined;
  if (!add && !remove) return {};
  const refs = (ids: string[]) => ids.map((id) => ({ id }));
  return { tags: { ...(add ? { add: refs(add) } : {}), ...(remove ? { remove: refs(remove) } : {}) } };
}

/** Rev org ids from REV-2, don: ids, accounts (ACC-3: its rev orgs) and customer names ("Globex"). */
export function resolveRevOrgIds(
  values: readonly string[],
  ctx: ToolContext,
  field = "rev_org",
): Promise<string[]> {
  return lookupIds("customer", values, ctx, field);
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
