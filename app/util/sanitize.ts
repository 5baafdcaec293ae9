import { decodeHTMLStrict } from "entities/decode";

// Text from DevRev (titles, bodies, comments, articles, conversations) is written by customers and
// colleagues, and reaches a model. Invisible characters can carry a hidden instruction the model
// reads and a person reviewing the text never sees; markup can smuggle a live tag into a client
// that renders the answer. Both are removed before any rendering.
//
// Invisible characters are removed by Unicode property, not by a list of code points, so whole
// classes are covered (a list missed the variation selectors, which can encode any byte string).

/**
 * Format (Cf: zero-width, bidi controls, U+061C, tag characters, BOM...) and control characters
 * (Cc, C1 controls U+0080–U+009F included) except newline and tab; lone surrogates (Cs);
 * default-ignorable code points (variation selectors U+FE00–U+FE0F and U+E0100–U+E01EF, Hangul
 * fillers, U+034F, U+17B4/U+17B5, U+180B–U+180F, U+1D173–U+1D17A...); and the Braille blank
 * U+2800, which renders as nothing but is not default-ignorable.
 */
const HIDDEN = /(?![\t\n])[\p{Cf}\p{Cc}\p{Cs}\p{Default_Ignorable_Code_Point}\u2800]/gu;
const HTML_BLOCK = /<(script|style|iframe|object|embed|template|noscript)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const HTML_BREAK = /<\s*(br|\/p|\/div|\/li|\/h[1-6]|\/tr)\s*\/?>/gi;
const HTML_TAG = /<\/?[a-zA-Z][^<>]*>/g;
const HTML_COMMENT = /<!--[\s\S]*?(-->|$)/g;
/** What could still open a tag once markup is removed (`<<b>img ...>` leaves `<img ...>`). */
const TAG_OPENER = /<(?=[a-zA-Z/!?])/g;

// Printable ASCII with no markup or entities: nothing below can change it except whitespace tidying.
// Most titles and names are like this, and a list sanitises several fields per item.
const PLAIN = /^[\x20-\x25\x27-\x3b\x3d-\x7e\t\n]*$/;

export function sanitizeText(input: string, maxChars = Number.POSITIVE_INFINITY): string {
  let text = PLAIN.test(input) ? tidy(input) : tidy(strip(input));
  if (text.length > maxChars) text = `${text.slice(0, Math.max(0, maxChars - 1)).trimEnd()}…`;
  return text;
}

function strip(input: string): string {
  // Entities are decoded first, once, and only in their complete form (`&amp;`, not `&amp`, which would
  // turn "&notice" into "¬ice"): `&lt;img onerror=…&gt;` becomes a tag here and is removed
  // with the rest of the markup below, instead of becoming a live tag after it; `&#x200B;` becomes
  // the zero-width space it names and is removed with the hidden characters.
  const decoded = decodeHTMLStrict(input.normalize("NFC"))
    .replace(/\r\n?|[\u2028\u2029]/g, "\n")
    .replace(/\u00A0/g, " ")
    .replace(HIDDEN, "");
  let text = decoded.replace(HTML_COMMENT, "").replace(HTML_BLOCK, "").replace(HTML_BREAK, "\n");
  // Removing one tag can join the text around it into another; a few passes undo any nesting a
  // person would write, and whatever still looks like a tag opener is defused below.
  for (let pass = 0; pass < 3; pass++) {
    const next = text.replace(HTML_TAG, "");
    if (next === text) break;
    text = next;
  }
  return text.replace(TAG_OPENER, "‹");
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
