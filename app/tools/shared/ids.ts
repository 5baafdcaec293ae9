import { ToolInputError } from "../../mcp/tool-errors.js";

// People paste ids in every form: `TKT-123`, `iss-45`, a full `don:` id, or a DevRev URL. One
// parser turns them into what the API accepts and knows the kind, so a wrong kind of id gets a
// message naming the tool that takes it.

export type ObjectKind =
  | "ticket"
  | "issue"
  | "task"
  | "opportunity"
  | "account"
  | "rev_org"
  | "rev_user"
  | "dev_user"
  | "product"
  | "capability"
  | "feature"
  | "enhancement"
  | "article"
  | "conversation"
  | "tag"
  | "incident"
  | "group"
  | "comment"
  | "unknown";

const PREFIX_KIND: Record<string, ObjectKind> = {
  TKT: "ticket",
  ISS: "issue",
  TASK: "task",
  OPP: "opportunity",
  ACC: "account",
  REV: "rev_org",
  REVU: "rev_user",
  DEVU: "dev_user",
  PROD: "product",
  CAPL: "capability",
  FEAT: "feature",
  ENH: "enhancement",
  ART: "article",
  CONV: "conversation",
  TAG: "tag",
  INC: "incident",
};

const DON_KIND: Record<string, ObjectKind> = {
  ticket: "ticket",
  issue: "issue",
  task: "task",
  opportunity: "opportunity",
  account: "account",
  revo: "rev_org",
  revu: "rev_user",
  devu: "dev_user",
  product: "product",
  capability: "capability",
  feature: "feature",
  enhancement: "enhancement",
  article: "article",
  conversation: "conversation",
  tag: "tag",
  incident: "incident",
  group: "group",
  comment: "comment",
};

/** The tool that takes each kind, for "wrong kind of id" messages. */
export const TOOL_FOR_KIND: Partial<Record<ObjectKind, string>> = {
  ticket: "devrev_works_get",
  issue: "devrev_works_get",
  task: "devrev_works_get",
  opportunity: "devrev_works_get",
  account: "devrev_accounts_get",
  rev_org: "devrev_rev_orgs_get",
  rev_user: "devrev_rev_users_get",
  dev_user: "devrev_dev_users_get",
  product: "devrev_parts_get",
  capability: "devrev_parts_get",
  feature: "devrev_parts_get",
  enhancement: "devrev_parts_get",
  article: "devrev_articles_get",
  conversation: "devrev_conversations_get",
  tag: "devrev_tags_get",
  incident: "devrev_incidents_get",
  group: "devrev_groups_get",
};

export const WORK_KINDS: readonly ObjectKind[] = ["ticket", "issue", "task", "opportunity"];

export interface ObjectRef {
  /** What to send to DevRev: the `don:` id, or the display id where the API accepts it. */
  id: string;
  kind: ObjectKind;
  /** `TKT-12` when known. */
  displayId?: string;
}

const DISPLAY_ID = /^([A-Za-z]+)-(\d+)$/;
const DON_ID = /^don:[a-z]+:[a-z0-9-]+:devo\/[^:\s]+(?::[a-z_]+\/[^:\s]+)+$/i;

export function parseObjectRef(input: string): ObjectRef {
  const text = input.trim().replace(/^["'<]+|["'>]+$/g, "");
  if (text.startsWith("don:")) {
    if (!DON_ID.test(text))
      throw new ToolInputError(
        `"${clip(text)}" is not a valid DevRev id (expected e.g. don:core:dvrv-us-1:devo/1abc:ticket/12).`,
      );
    const last = text.slice(text.lastIndexOf(":") + 1);
    const type = last.slice(0, last.indexOf("/"));
    return { id: text, kind: DON_KIND[type] ?? "unknown" };
  }
  const fromUrl = /^https?:\/\//i.test(text) ? idFromUrl(text) : undefined;
  const candidate = fromUrl ?? text;
  const m = candidate.match(DISPLAY_ID);
  if (m?.[1] && m[2]) {
    const prefix = m[1].toUpperCase();
    const displayId = `${prefix}-${Number(m[2])}`;
    return { id: displayId, kind: PREFIX_KIND[prefix] ?? "unknown", displayId };
  }
  if (fromUrl?.startsWith("don:")) return parseObjectRef(fromUrl);
  throw new ToolInputError(
    `"${clip(text)}" is not a DevRev id. Use a display id like TKT-12 or ISS-7, a full don: id, or a DevRev URL.`,
  );
}

/** Parses and checks the kind; a wrong kind names the tool that takes it. */
export function expectKind(input: string, allowed: readonly ObjectKind[], what: string): ObjectRef {
  const ref = parseObjectRef(input);
  if (ref.kind === "unknown" || allowed.includes(ref.kind)) return ref;
  const tool = TOOL_FOR_KIND[ref.kind];
  const hint = tool ? ` Use ${tool} for ${article(ref.kind)} ${ref.kind.replace("_", " ")}.` : "";
  throw new ToolInputError(
    `"${clip(input)}" is ${article(ref.kind)} ${ref.kind.replace("_", " ")} id, not ${what}.${hint}`,
  );
}

function idFromUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const segments = parsed.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  for (let i = segments.length - 1; i >= 0; i--) {
    const seg = segments[i] ?? "";
    if (DISPLAY_ID.test(seg) || seg.startsWith("don:")) return seg;
  }
  return undefined;
}

function article(kind: string): string {
  return /^[aeiou]/.test(kind) ? "an" : "a";
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
