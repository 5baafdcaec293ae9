import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { BODY_FORMATS, BODY_WRITE_OPERATIONS, uploadArticleBody } from "../shared/article-body.js";
import { requireChanges } from "../shared/changes.js";
import { expectKind } from "../shared/ids.js";
import { LOOKUP_OPERATIONS } from "../shared/lookup.js";
import { resolvePartIds, resolveUserIds } from "../shared/resolve.js";
import {
  ARTICLE_STATUSES,
  articleDetailSchema,
  renderArticleDetail,
  toArticleDetail,
} from "./article-shape.js";

const CHANGES = ["title", "description", "body", "status", "url", "applies_to_parts", "owned_by"] as const;

export const articlesUpdate = defineTool({
  name: "devrev_articles_update",
  title: "Update an article",
  toolset: "articles",
  description:
    "Change an article's title, body, summary, status (publish, archive...), url, parts or owners (lists are " +
    "replaced; body replaces the content).",
  input: z.object({
    id: z.string().min(1),
    title: z.string().trim().min(1).max(256).optional(),
    description: z.string().max(65_536).optional().describe("A short summary"),
    body: z.string().max(262_144).optional().describe("Replaces the content"),
    body_format: z.enum(BODY_FORMATS).optional().describe("Default markdown"),
    status: z.enum(ARTICLE_STATUSES).optional(),
    url: z.url().optional(),
    applies_to_parts: z.array(z.string().min(1)).min(1).max(10).optional(),
    owned_by: z.array(z.string().min(1)).min(1).max(10).optional(),
  }),
  output: z.object({ article: articleDetailSchema, changed: z.array(z.string()) }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: [
    "articles.update",
    ...BODY_WRITE_OPERATIONS,
    ...LOOKUP_OPERATIONS.user,
    ...LOOKUP_OPERATIONS.part,
  ],
  async handler(args, ctx) {
    const changed = requireChanges(args, CHANGES);
    const ref = expectKind(args.id, ["article"], "an article");
    const content =
      args.body !== undefined
        ? await uploadArticleBody(args.body, args.body_format ?? "markdown", ctx)
        : undefined;
    const body = {
      id: ref.id,
      ...(content ? { content_artifact: content } : {}),
      ...(args.title !== undefined ? { title: args.title } : {}),
      ...(args.description !== undefined ? { description: args.description } : {}),
      ...(args.status ? { status: args.status } : {}),
      ...(args.url ? { url: args.url } : {}),
      ...(args.applies_to_parts
        ? {
            applies_to_parts: {
              set: await resolvePartIds(args.applies_to_parts, ctx, "applies_to_parts"),
            },
          }
        : {}),
      ...(args.owned_by ? { owned_by: { set: await resolveUserIds(args.owned_by, ctx) } } : {}),
    };
    const { article } = await ctx.call("articles.update", body);
    const detail = toArticleDetail(article, 2_000);
    return {
      text: `Updated ${detail.display_id ?? detail.id} (${changed.join(", ")}).\n${renderArticleDetail(detail)}`,
      structured: { article: detail, changed: [...changed] },
    };
  },
});
