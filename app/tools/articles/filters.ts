import { z } from "zod";
import type { ToolContext } from "../../mcp/tool.js";
import { resolvePartIds, resolveUserIds } from "../shared/resolve.js";
import { ARTICLE_STATUSES } from "./article-shape.js";

// The filters of devrev_articles_list, for its pages and for count_only alike.

const ids = z.array(z.string().min(1)).max(10).optional();

export const articleFilters = {
  applies_to_parts: ids,
  authored_by: ids,
  owned_by: ids,
  status: z.array(z.enum(ARTICLE_STATUSES)).optional(),
};

export interface ArticleFilterArgs {
  applies_to_parts?: string[] | undefined;
  authored_by?: string[] | undefined;
  owned_by?: string[] | undefined;
  status?: Array<(typeof ARTICLE_STATUSES)[number]> | undefined;
}

export async function articleFilterBody(args: ArticleFilterArgs, ctx: ToolContext) {
  return {
    ...(args.applies_to_parts?.length
      ? { applies_to_parts: await resolvePartIds(args.applies_to_parts, ctx, "applies_to_parts") }
      : {}),
    ...(args.authored_by?.length ? { authored_by: await resolveUserIds(args.authored_by, ctx) } : {}),
    ...(args.owned_by?.length ? { owned_by: await resolveUserIds(args.owned_by, ctx) } : {}),
    ...(args.status?.length ? { status: args.status } : {}),
  };
}

export const FILTER_OPERATIONS = ["parts.get", "dev-users.self"] as const;
