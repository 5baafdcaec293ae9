// Text from DevRev (titles, bodies, comments) is written by customers and colleagues, and reaches
// a model. Invisible and bidirectional characters can hide instructions, HTML can smuggle markup;
// both are removed before any rendering.

// Zero-width, bidi controls, word joiners, BOM, soft hyphen, and Unicode tag characters.
const INVISIBLE =
  /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]|[\u{E0000}-\u{E007F}]/gu;
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const HTML_BLOCK = /<(script|style|iframe|object|embed)[^>]*>[\s\S]*?<\/\1\s*>/gi;
const HTML_BREAK = /<\s*(br|\/p|\/div|\/li|\/h[1-6]|\/tr)\s*\/?>/gi;
const HTML_TAG = /<\/?[a-zA-Z][^<>]*>/g;
const HTML_COMMENT = /<!--[\s\S]*?-->/g;
const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  "#39": "'",
  apos: "'",
  nbsp: " ",
};

// Printable ASCII with no markup or entities: nothing below can change it except whitespace tidying.
// Most titles and names are like this, and a list sanitises several fields per item.
const PLAIN = /^[\x20-\x25\x27-\x3b\x3d-\x7e\t\n\r]*$/;

export function sanitizeText(input: string, maxChars = Number.POSITIVE_INFINITY): string {
  let text = PLAIN.test(input) ? tidy(input) : tidy(strip(input));
  if (text.length > maxChars) text = `${text.slice(0, Math.max(0, maxChars - 1)).trimEnd()}…`;
  return text;
}

function strip(input: string): string {
  return input
    .normalize("NFC")
    .replace(INVISIBLE, "")
    .replace(CONTROL, "")
    .replace(HTML_COMMENT, "")
    .replace(HTML_BLOCK, "")
    .replace(HTML_BREAK, "\n")
    .replace(HTML_TAG, "")
    .replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_, e: string) => ENTITIES[e] ?? "");
}

function tidy(text: string): string {
  return text
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** A one-line form for titles and names inside lists. */
export function sanitizeLine(input: string | undefined | null, maxChars = 200): string {
  if (!input) return "";
  return sanitizeText(input).replace(/\s+/g, " ").slice(0, maxChars);
}
