import { z } from "zod";
import type { ToolContext } from "../../mcp/tool.js";
import { expectKind } from "../shared/ids.js";
import { resolveUserIds, resolveWork } from "../shared/resolve.js";
import { ENGAGEMENT_TYPES } from "./engagement-shape.js";

export const engagementIdInput = z.string().min(1);

/** Participants of an engagement: dev or customer user ids. */
export const engagementMembersInput = z.array(z.string().min(1)).min(1).max(50);

export function engagementId(input: string): string {
  return expectKind(input, [], "an engagement").id;
}

export const engagementFilters = {
  type: z.array(z.enum(ENGAGEMENT_TYPES)).optional(),
  members: z.array(z.string().min(1)).max(10).optional(),
  parent: z.array(z.string().min(1)).max(10).optional().describe("Accounts or opportunities"),
};

export interface EngagementFilterArgs {
  type?: Array<(typeof ENGAGEMENT_TYPES)[number]> | undefined;
  members?: string[] | undefined;
  parent?: string[] | undefined;
}

export async function engagementFilterBody(args: EngagementFilterArgs, ctx: ToolContext) {
  return {
    ...(args.type?.length ? { type: args.type } : {}),
    ...(args.members?.length ? { members: await resolveUserIds(args.members, ctx) } : {}),
    ...(args.parent?.length
      ? { parent: await Promise.all(args.parent.map((p) => resolveParent(p, ctx))) }
      : {}),
  };
}

/** Engagements hang off an account or an opportunity; display ids are looked up to don: ids. */
export async function resolveParent(input: string, ctx: ToolContext): Promise<string> {
  const ref = expectKind(input, ["account", "opportunity"], "an account or opportunity");
  if (ref.id.startsWith("don:")) return ref.id;
  if (ref.kind === "opportunity") return (await resolveWork(input, ctx)).id;
  const { account } = await ctx.call("accounts.get", { id: ref.id });
  return account.id;
}

export const FILTER_OPERATIONS = ["accounts.get", "works.get", "dev-users.self"] as const;
