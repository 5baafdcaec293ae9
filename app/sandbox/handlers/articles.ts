// articles.*: knowledge-base articles. The list answer carries `total` (the spec requires it). As on
// DevRev, the body is not a field: it lives in artifacts (resource.artifacts), which clients read
// with artifacts.locate and write with artifacts.prepare + upload, then content_artifact.
import type { S } from "../api-types.js";
import { type Fields, PAGE, setOf, TAG_LIST, TAG_SET } from "../fields.js";
import { inAny } from "../filters.js";
import { coreId } from "../ids.js";
import { paginate } from "../pagination.js";
import type { ArticleRec } from "../records.js";
import type { Store } from "../store.js";
import { audit, partSummary, tagWithValue, userSummary } from "../summaries.js";
import { artifactSummary } from "./artifacts.js";
import {
  created,
  defined,
  idList,
  listBody,
  mustGet,
  readRefSet,
  readSet,
  readTagList,
  ref,
  refs,
  touch,
  USER_KINDS,
  updateTags,
} from "./common.js";
import type { Ctx, Handlers } from "./context.js";

const STATUSES = ["archived", "draft", "published", "review_needed"] as const;
const ARTICLE_TYPES = ["article", "content_block", "page"] as const;

export function renderArticle(store: Store, a: ArticleRec): S["article"] {
  return defined({
    type: "article" as const,
    ...audit(store, a),
    title: a.title,
    description: a.description,
    status: a.status,
    article_type: a.article_type,
    applies_to_parts: a.applies_to_parts.map((p) => partSummary(store, p)),
    authored_by: a.authored_by.map((u) => userSummary(store, u)),
    owned_by: a.owned_by.map((u) => userSummary(store, u)),
    tags: a.tags.map((t) => tagWithValue(store, t)),
    resource: defined({
      url: a.url,
      artifacts: a.artifacts.length ? a.artifacts.map((id) => artifactSummary(store, id)) : undefined,
    }),
    num_upvotes: a.num_upvotes,
    num_downvotes: a.num_downvotes,
  });
}

export function insertArticle(store: Store, fields: Omit<ArticleRec, "id" | "display_id">): ArticleRec {
  const num = store.articles.nextNum();
  return store.articles.insert({ id: coreId(`article/${num}`), display_id: `ART-${num}`, ...fields });
}

function selectArticles(ctx: Ctx): ArticleRec[] {
  const { input, store } = ctx;
  const parts = idList(store, input, "applies_to_parts");
  const types = input.optEnumArray("article_type", ARTICLE_TYPES);
  const authors = idList(store, input, "authored_by");
  const owners = idList(store, input, "owned_by");
  const creators = idList(store, input, "created_by");
  const statuses = input.optEnumArray("status", STATUSES);
  const tags = idList(store, input, "tags");
  const parents = idList(store, input, "parent");
  return store.articles
    .all()
    .filter(
      (a) =>
        inAny(parts, a.applies_to_parts) &&
        inAny(types, a.article_type) &&
        inAny(authors, a.authored_by) &&
        inAny(owners, a.owned_by) &&
        inAny(creators, a.created_by) &&
        inAny(statuses, a.status) &&
        inAny(
          tags,
          a.tags.map((t) => t.id),
        ) &&
        inAny(parents, a.parent),
    )
    .reverse();
}

const ARTICLE_FILTER = [
  "applies_to_parts",
  "article_type",
  "authored_by",
  "owned_by",
  "created_by",
  "status",
  "tags",
  "parent",
];

/** The body's artifacts, the content artifact first; each must be an existing artifact. */
function bodyArtifacts(store: Store, content: string | undefined, rest: readonly string[], prefix: string) {
  const content_ = content ? [ref(store, content, `${prefix}content_artifact`, ["artifact"])] : [];
  const others = rest.map((id) => ref(store, id, `${prefix}artifacts`, ["artifact"]));
  return [...new Set([...content_, ...others])];
}

export const articlesFields: Fields = {
  "articles.list": [...PAGE, ...ARTICLE_FILTER],
  "articles.count": ARTICLE_FILTER,
  "articles.get": ["id"],
  "articles.create": [
    "title",
    "description",
    "status",
    "article_type",
    "applies_to_parts",
    "authored_by",
    "owned_by",
    ...TAG_LIST,
    "resource.url",
    "resource.content_artifact",
    "resource.artifacts",
  ],
  "articles.update": [
    "id",
    "title",
    "description",
    "status",
    ...setOf("applies_to_parts", "owned_by", "authored_by"),
    ...TAG_SET,
    "url",
    "content_artifact",
    ...setOf("artifacts"),
  ],
  "articles.delete": ["id"],
};

export const articlesHandlers: Handlers = {
  "articles.list": (ctx) => {
    const rows = selectArticles(ctx);
    const page = paginate(
      rows.map((a) => renderArticle(ctx.store, a)),
      ctx.input,
    );
    return { ...listBody("articles", page), total: rows.length };
  },
  "articles.count": (ctx) => ({ count: selectArticles(ctx).length }),
  "articles.get": (ctx) => ({ article: renderArticle(ctx.store, mustGet(ctx.store.articles, ctx.input)) }),
  "articles.create": (ctx) => {
    const { input, store } = ctx;
    const resource = input.optObj("resource");
    const title = input.str("title");
    const owners = refs(store, input.strArray("owned_by"), "owned_by", USER_KINDS);
    if (!resource) input.str("resource");
    const row = insertArticle(
      store,
      defined({
        title,
        description: input.optStr("description"),
        status: input.optEnum("status", STATUSES) ?? "draft",
        article_type: input.optEnum("article_type", ARTICLE_TYPES) ?? "article",
        applies_to_parts: refs(store, input.optStrArray("applies_to_parts") ?? [], "applies_to_parts", [
          "part",
        ]),
        authored_by: refs(
          store,
          input.optStrArray("authored_by") ?? [ctx.actor.id],
          "authored_by",
          USER_KINDS,
        ),
        owned_by: owners,
        tags: readTagList(store, input.optObjArray("tags"), "tags") ?? [],
        url: resource?.optStr("url"),
        artifacts: bodyArtifacts(
          store,
          resource?.optStr("content_artifact"),
          resource?.optStrArray("artifacts") ?? [],
          "resource.",
        ),
        num_upvotes: 0,
        num_downvotes: 0,
        ...created(ctx),
      }),
    );
    return { article: renderArticle(store, row) };
  },
  "articles.update": (ctx) => {
    const { input, store } = ctx;
    const a = mustGet(store.articles, input);
    const title = input.optStr("title");
    if (title !== undefined) a.title = title;
    if (input.has("description")) a.description = input.optStr("description");
    const status = input.optEnum("status", STATUSES);
    if (status) a.status = status;
    const parts = readRefSet(store, input, "applies_to_parts", ["part"]);
    if (parts) a.applies_to_parts = parts;
    const owners = readRefSet(store, input, "owned_by", USER_KINDS);
    if (owners) a.owned_by = owners;
    const authors = readRefSet(store, input, "authored_by", USER_KINDS);
    if (authors) a.authored_by = authors;
    a.tags = updateTags(store, input, a.tags);
    const url = input.optStr("url");
    if (url !== undefined) a.url = url;
    // content_artifact replaces the first artifact; artifacts.set replaces the rest (all of them
    // when no content_artifact comes along).
    const content = input.optStr("content_artifact");
    const set = readSet(input, "artifacts");
    if (content !== undefined || set !== undefined) {
      a.artifacts = bodyArtifacts(store, content, set ?? a.artifacts.slice(1), "");
    }
    touch(ctx, a);
    return { article: renderArticle(store, a) };
  },
  "articles.delete": (ctx) => {
    ctx.store.articles.delete(mustGet(ctx.store.articles, ctx.input).id);
    return {};
  },
};
