import type { Schemas } from "../../devrev/types.js";
import type { ToolContext } from "../../mcp/tool.js";
import { sanitizeText } from "../../util/sanitize.js";

// An article's body is a file: its content artifact. Reading it is artifacts.locate plus a bounded
// download from DevRev's file store (ctx.devrev.files checks the URL); writing it is
// artifacts.prepare plus an upload of the form DevRev returned. What reaches the model is compact
// text: HTML loses its markup (headings and list items keep a marker), rich-text JSON keeps its
// text, and everything is sanitised like any other text from DevRev.

export interface ArticleBody {
  text: string;
  /** The body was longer than the download bound or than `maxChars`, and is cut. */
  truncated: boolean;
  artifact: string;
  format: string;
}

export const BODY_OPERATIONS = ["artifacts.locate"] as const;
export const BODY_WRITE_OPERATIONS = ["artifacts.prepare"] as const;

/** The body of an article, or undefined when it has no content artifact. */
export async function readArticleBody(
  article: Schemas["article"],
  ctx: ToolContext,
  maxChars: number,
): Promise<ArticleBody | undefined> {
  const artifact = article.resource?.artifacts?.[0];
  if (!artifact) return undefined;
  const { url } = await ctx.call("artifacts.locate", { id: artifact.id });
  const file = await ctx.devrev.files.download(url, ctx.signal);
  const format = (file.contentType.split(";")[0] || artifact.file?.type || "").trim().toLowerCase();
  const raw = new TextDecoder("utf-8", { fatal: false }).decode(file.bytes);
  const full = toText(raw, format);
  const text = sanitizeText(full, maxChars);
  return {
    text,
    truncated: file.truncated || full.length > maxChars,
    artifact: artifact.display_id ?? artifact.id,
    format: format || "unknown",
  };
}

function toText(raw: string, format: string): string {
  if (format.includes("html")) return htmlToText(raw);
  if (format.includes("json") || format === "devrev/rt") return jsonText(raw);
  if (format.startsWith("text/") || format === "" || format.includes("markdown")) return raw;
  return `(The body is a ${format} file; only text bodies can be shown.)`;
}

/** Markup out, structure kept where it carries meaning: headings, list items, paragraphs. */
function htmlToText(html: string): string {
  return html
    .replace(/<h([1-6])[^>]*>/gi, (_, n: string) => `\n${"#".repeat(Number(n))} `)
    .replace(/<li[^>]*>/gi, "\n- ")
    .replace(/<\/(p|div|h[1-6]|ul|ol|table|blockquote|pre)>/gi, "\n\n")
    .replace(/<br\s*\/?>/gi, "\n");
}

/** The text leaves of a rich-text document, one block per line. */
function jsonText(raw: string): string {
  try {
    const out: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === "string") return;
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object") {
        for (const [k, x] of Object.entries(v)) {
          if (k === "text" && typeof x === "string") out.push(x);
          else walk(x);
        }
      }
    };
    walk(JSON.parse(raw));
    return out.join("\n");
  } catch {
    return raw;
  }
}

export const BODY_FORMATS = ["markdown", "html", "text"] as const;
export type BodyFormat = (typeof BODY_FORMATS)[number];

const FILE: Record<BodyFormat, { name: string; type: string }> = {
  markdown: { name: "body.md", type: "text/markdown" },
  html: { name: "body.html", type: "text/html" },
  text: { name: "body.txt", type: "text/plain" },
};

/** Uploads `text` as a new artifact and answers its id, for `content_artifact`. */
export async function uploadArticleBody(text: string, format: BodyFormat, ctx: ToolContext): Promise<string> {
  const file = FILE[format];
  const prepared = await ctx.call("artifacts.prepare", { file_name: file.name, file_type: file.type });
  await ctx.devrev.files.upload(
    prepared.url,
    prepared.form_data,
    { ...file, data: new TextEncoder().encode(text) },
    ctx.signal,
  );
  return prepared.id;
}
