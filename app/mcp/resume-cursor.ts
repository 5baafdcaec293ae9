// A cursor that resumes inside a page. DevRev's cursors point at page boundaries; when a page is
// cut to fit the result budget, the next call must start right after the last item shown. Our
// cursor carries DevRev's cursor for that page and how many of its items were already shown: the
// tool fetches the same page again and the shown items are dropped. Opaque to the model like
// DevRev's own cursors, and only ever valid with the same filters, as theirs are.

import { ToolInputError } from "./tool-errors.js";

const PREFIX = "mcp1.";
/** Far above any page (max 100 items), so a forged value cannot make us skip unbounded work. */
const MAX_SKIP = 1_000;

export interface Resume {
  /** DevRev's cursor for the page (undefined: the first page). */
  cursor: string | undefined;
  /** Items of that page already shown. */
  skip: number;
}

export function encodeResume(r: Resume): string {
  const json = JSON.stringify(r.cursor === undefined ? { s: r.skip } : { c: r.cursor, s: r.skip });
  return PREFIX + Buffer.from(json).toString("base64url");
}

/** Our resume cursor, or undefined for anything else (a DevRev cursor passes through untouched). */
export function decodeResume(value: string): Resume | undefined {
  if (!value.startsWith(PREFIX)) return undefined;
  const resume = parse(value.slice(PREFIX.length));
  if (!resume) {
    throw new ToolInputError("`cursor` is damaged: pass the cursor exactly as the last result gave it.");
  }
  return resume;
}

function parse(encoded: string): Resume | undefined {
  try {
    const raw = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8")) as {
      c?: unknown;
      s?: unknown;
    };
    const skip = raw.s;
    if (typeof skip !== "number" || !Number.isInteger(skip) || skip < 0 || skip > MAX_SKIP) return undefined;
    if (raw.c !== undefined && typeof raw.c !== "string") return undefined;
    return { cursor: raw.c, skip };
  } catch {
    return undefined;
  }
}
