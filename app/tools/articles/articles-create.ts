import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { ToolInputError } from "../../mcp/tool-errors.js";
import { BODY_FORMATS, BODY_WRITE_OPERATIONS, uploadArticleBody } from "../shared/article-body.js";
import { LOOKUP_OPERATIONS } from "../shared/lookup.js";
import { resolvePartIds, resolveUserIds } from "../shared/resolve.js";
import {
  ARTICLE_STATUSES,
  articleDetailSchema,
  renderArticleDetail,
  toArticleDetail,
} from "./article-shape.js";

export const articlesCreate = defineTool({
  name: "devrev_articles_create",
  title: "Create an article",
  toolset: "articles",
  description:
    "Create a knowledge-base article (a draft unless status says otherwise; owned by the caller unless owned_by " +
    "is given).",
  input: z.object({
    title: z.string().trim().min(1).max(256),
    description: z.string().max(65_536).optional().describe("A short summary"),
    body: z.string().max(262_144).optional().describe("The article's content"),
    body_format: z.enum(BODY_FORMATS).optional().describe("Default markdown"),
    applies_to_parts: z.array(z.string().min(1)).min(1).max(10).optional(),
    url: z.url().optional().describe("For an external article"),
    status: z.enum(ARTICLE_STATUSES).optional(),
    owned_by: z.array(z.string().min(1)).min(1).max(10).optional(),
  }),
  output: z.object({ article: articleDetailSchema }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  operations: [
    "articles.create",
    ...BODY_WRITE_OPERATIONS,
    ...LOOKUP_OPERATIONS.user,
    ...LOOKUP_OPERATIONS.part,
  ],
  async handler(args, ctx) {
    const owners = await resolveUserIds(args.owned_by ?? ["me"], ctx);
    if (args.body !== undefined && args.url)
      throw new ToolInputError("Give either body or url: an article is one or the other.");
    // The body is uploaded first: an article is then created once, already with its content.
    const content =
      args.body !== undefined
        ? await uploadArticleBody(args.body, args.body_format ?? "markdown", ctx)
        : undefined;
    const body = {
      title: args.title,
      owned_by: owners,
      authored_by: owners,
      resource: args.url ? { url: args.url } : content ? { content_artifact: content } : {},
      status: args.status ?? ("draft" as const),
      ...(args.description ? { description: args.description } : {}),
      ...(args.applies_to_parts
        ? { applies_to_parts: await resolvePartIds(args.applies_to_parts, ctx, "applies_to_parts") }
        : {}),
    };
    const { article } = await ctx.call("articles.create", body);
    const detail = toArticleDetail(article, 2_000);
    return {
      text: `Created ${detail.display_id ?? detail.id}.\n${renderArticleDetail(detail)}`,
      structured: { article: detail },
    };
  },
});
