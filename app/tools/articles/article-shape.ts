import { z } from "zod";
import type { Schemas } from "../../devrev/types.js";
import { sanitizeLine, sanitizeText } from "../../util/sanitize.js";
import { day, fields, type UserRef, userLabel, userRef, userRefSchema } from "../shared/format.js";
import { partLabel, partRef, partRefSchema } from "../shared/part-ref.js";
import { strip } from "../shared/strip.js";

// The compact form of a knowledge-base article. DevRev keeps an article's body in artifacts (the
// resource's content artifact) or at an external URL; the API returns the description, the URL and
// the artifact ids, which is what we render, sanitised and clipped.

export const ARTICLE_STATUSES = ["draft", "published", "review_needed", "archived"] as const;

type Article = Schemas["article"];

export const articleSummarySchema = z.object({
  id: z.string().describe("Full DevRev id (don:...)"),
  display_id: z.string().optional().describe("e.g. ART-12"),
  title: z.string(),
  status: z.string().optional(),
  parts: z.array(partRefSchema).optional(),
  authors: z.array(userRefSchema).optional(),
  url: z.string().optional(),
  created_date: z.string().optional(),
  modified_date: z.string().optional(),
});
export type ArticleSummary = z.infer<typeof articleSummarySchema>;

export const articleDetailSchema = articleSummarySchema.extend({
  article_type: z.string().optional(),
  description: z.string().optional().describe("The article text DevRev returns, sanitised and clipped"),
  owners: z.array(userRefSchema).optional(),
  tags: z.array(z.string()).optional(),
  artifacts: z
    .array(z.object({ id: z.string(), display_id: z.string().optional(), name: z.string().optional() }))
    .optional()
    .describe("Artifacts holding the article's content"),
  upvotes: z.number().int().optional(),
  downvotes: z.number().int().optional(),
  body: z.string().optional().describe("The article's body (its content artifact) as text"),
  body_truncated: z.boolean().optional(),
});
export type ArticleDetail = z.infer<typeof articleDetailSchema>;

function users(list: Article["owned_by"] | undefined): UserRef[] | undefined {
  const out = (list ?? []).map(userRef).filter((u): u is UserRef => !!u);
  return out.length ? out : undefined;
}

export function toArticleSummary(a: Article): ArticleSummary {
  const parts = (a.applies_to_parts ?? []).map(partRef);
  return strip({
    id: a.id,
    display_id: a.display_id,
    title: sanitizeLine(a.title, 200) || "(untitled)",
    status: a.status,
    parts: parts.length ? parts : undefined,
    authors: users(a.authored_by),
    url: a.resource?.url ? sanitizeLine(a.resource.url, 500) : undefined,
    created_date: a.created_date,
    modified_date: a.modified_date,
  });
}

export function toArticleDetail(a: Article, maxChars: number): ArticleDetail {
  const artifacts = [...(a.resource?.artifacts ?? []), ...(a.extracted_content ?? [])].map((x) =>
    strip({ id: x.id, display_id: x.display_id, name: sanitizeLine(x.file?.name, 120) || undefined }),
  );
  const tags = (a.tags ?? []).map((t) => sanitizeLine(t.tag.name, 60)).filter(Boolean);
  return strip({
    ...toArticleSummary(a),
    article_type: a.article_type,
    description: a.description ? sanitizeText(a.description, maxChars) : undefined,
    owners: users(a.owned_by),
    tags: tags.length ? tags : undefined,
    artifacts: artifacts.length ? artifacts : undefined,
    upvotes: a.num_upvotes,
    downvotes: a.num_downvotes,
  });
}

export function renderArticleLine(a: ArticleSummary): string {
  const rest = fields([
    ["status", a.status],
    ["part", a.parts?.map(partLabel).join(", ")],
    ["by", a.authors?.map(userLabel).join(", ")],
    ["updated", day(a.modified_date)],
  ]);
  const head = `${a.display_id ?? a.id} ${a.title}`;
  return rest ? `${head} — ${rest}` : head;
}

export function renderArticleDetail(a: ArticleDetail): string {
  const lines = [
    `${a.display_id ?? ""} ${a.title}`.trim(),
    `id: ${a.id}`,
    fields([
      ["status", a.status],
      ["type", a.article_type],
      ["votes", a.upvotes !== undefined ? `+${a.upvotes}/-${a.downvotes ?? 0}` : undefined],
    ]),
    fields([
      ["authors", a.authors?.map(userLabel).join(", ")],
      ["owners", a.owners?.map(userLabel).join(", ")],
    ]),
    fields([
      ["parts", a.parts?.map((p) => `${partLabel(p)} (${p.display_id ?? p.id})`).join(", ")],
      ["tags", a.tags?.join(", ")],
    ]),
    fields([
      ["created", day(a.created_date)],
      ["updated", day(a.modified_date)],
    ]),
    a.url ? `url: ${a.url}` : "",
    a.artifacts?.length
      ? `content artifacts: ${a.artifacts.map((x) => (x.name ? `${x.display_id ?? x.id} (${x.name})` : (x.display_id ?? x.id))).join(", ")}`
      : "",
  ].filter(Boolean);
  if (a.body !== undefined) {
    if (a.description) lines.push("", a.description);
    lines.push("", "## Body", a.body || "(empty)");
    if (a.body_truncated) lines.push("(Body cut; ask for more with a larger max_chars.)");
  } else {
    lines.push(
      "",
      a.description ?? "(DevRev returned no text for this article; open the url or artifacts above.)",
    );
  }
  return lines.join("\n");
}
