import { z } from "zod";
import type { Schemas, TimelineEntry } from "../../devrev/types.js";
import type { ToolContext } from "../../mcp/tool.js";
import { sanitizeLine, sanitizeText } from "../../util/sanitize.js";
import { orgRef, orgRefSchema } from "../customers/customer-shape.js";
import { day, fields, type UserRef, userLabel, userRef, userRefSchema } from "../shared/format.js";
import { strip } from "../shared/strip.js";

// The compact form of a support conversation and its messages (timeline comments).

type Conversation = Schemas["conversation"];

export const conversationSummarySchema = z.object({
  id: z.string(),
  display_id: z.string().optional(),
  title: z.string(),
  stage: z.string().optional(),
  owners: z.array(userRefSchema),
  account: orgRefSchema.optional(),
  channel: z.string().optional(),
  created_date: z.string().optional(),
  modified_date: z.string().optional(),
  last_message_date: z.string().optional(),
});
export type ConversationSummary = z.infer<typeof conversationSummarySchema>;

export const messageSchema = z.object({
  id: z.string(),
  author: z.string().optional(),
  date: z.string().optional(),
  visibility: z.string().optional(),
  body: z.string(),
});
export type Message = z.infer<typeof messageSchema>;

export const conversationDetailSchema = conversationSummarySchema.extend({
  description: z.string().optional(),
  members: z.array(z.string()),
  parts: z.array(z.string()).optional(),
  tags: z.array(z.string()).optional(),
  group: z.string().optional(),
  frozen: z.boolean().optional(),
  messages: z.array(messageSchema),
  earlier_messages: z.boolean().optional(),
});
export type ConversationDetail = z.infer<typeof conversationDetailSchema>;

const users = (list: Schemas["user-summary"][] | undefined): UserRef[] =>
  (list ?? []).map(userRef).filter((u): u is UserRef => !!u);

export function toConversationSummary(c: Conversation): ConversationSummary {
  return strip({
    id: c.id,
    display_id: c.display_id,
    title: sanitizeLine(c.title, 200) || "(untitled)",
    stage: c.stage?.name,
    owners: users(c.owned_by),
    account: orgRef(c.account),
    channel: c.source_channel ? sanitizeLine(c.source_channel, 40) : undefined,
    created_date: c.created_date,
    modified_date: c.modified_date,
    last_message_date: c.last_external_message_date,
  });
}

export function toConversationDetail(
  c: Conversation,
  messages: { messages: Message[]; more: boolean },
): ConversationDetail {
  const parts = (c.applies_to_parts ?? []).map((p) => sanitizeLine(p.name ?? p.display_id ?? p.id, 80));
  const tags = (c.tags ?? []).map((t) => sanitizeLine(t.tag.name, 60)).filter(Boolean);
  return strip({
    ...toConversationSummary(c),
    description: c.description ? sanitizeText(c.description, 4_000) : undefined,
    members: users(c.members).map(userLabel),
    parts: parts.length ? parts : undefined,
    tags: tags.length ? tags : undefined,
    group: c.group ? sanitizeLine(c.group.name ?? c.group.display_id ?? c.group.id, 80) : undefined,
    frozen: c.is_frozen || undefined,
    messages: messages.messages,
    earlier_messages: messages.more || undefined,
  });
}

export function renderConversationLine(c: ConversationSummary): string {
  const rest = fields([
    ["stage", c.stage],
    ["owner", c.owners.length ? c.owners.map(userLabel).join(", ") : undefined],
    ["customer", c.account ? (c.account.name ?? c.account.display_id) : undefined],
    ["channel", c.channel],
    ["updated", day(c.modified_date)],
  ]);
  const head = `${c.display_id ?? c.id} ${c.title}`;
  return rest ? `${head} — ${rest}` : head;
}

export function renderMessage(m: Message): string {
  const who = m.author ?? "unknown";
  const body = m.body.replace(/\n+/g, " ⏎ ");
  return `- ${day(m.date) ?? ""} ${who} (${m.visibility ?? "internal"}): ${body}`;
}

export function renderConversationDetail(c: ConversationDetail): string {
  const lines = [
    `${c.display_id ?? ""} ${c.title} (conversation)`.trim(),
    `id: ${c.id}`,
    fields([
      ["stage", c.stage],
      ["channel", c.channel],
      ["frozen", c.frozen ? "yes" : undefined],
    ]),
    fields([
      ["owners", c.owners.length ? c.owners.map(userLabel).join(", ") : "none"],
      ["members", c.members.length ? c.members.join(", ") : undefined],
    ]),
    fields([
      [
        "customer",
        c.account ? `${c.account.name ?? ""} (${c.account.display_id ?? c.account.id})`.trim() : undefined,
      ],
      ["group", c.group],
      ["parts", c.parts?.join(", ")],
      ["tags", c.tags?.join(", ")],
    ]),
    fields([
      ["created", day(c.created_date)],
      ["updated", day(c.modified_date)],
      ["last message", day(c.last_message_date)],
    ]),
  ].filter(Boolean);
  if (c.description) lines.push("", c.description);
  lines.push(
    "",
    c.earlier_messages ? "Messages (newest, oldest first; earlier ones left out):" : "Messages:",
  );
  lines.push(c.messages.length ? c.messages.map(renderMessage).join("\n") : "(none)");
  return lines.join("\n");
}

type Comment = TimelineEntry & { type: "timeline_comment"; body?: string };

// Live timelines also carry `timeline_change_event` entries the spec's enum does not list.
function isComment(e: TimelineEntry): e is Comment {
  return e.type === "timeline_comment";
}

/** The newest `max` messages of a conversation (or any object), oldest first: one bounded page. */
export async function recentMessages(
  objectId: string,
  ctx: ToolContext,
  max = 10,
): Promise<{ messages: Message[]; more: boolean }> {
  const res = await ctx.call("timeline-entries.list", { object: objectId, limit: 50 });
  const comments = res.timeline_entries
    .filter(isComment)
    .sort((a, b) => (b.created_date ?? "").localeCompare(a.created_date ?? ""));
  const kept = comments.slice(0, max).reverse();
  const messages = kept.map((e) => {
    const author = userRef(e.created_by);
    return strip({
      id: e.id,
      author: author ? userLabel(author) : undefined,
      date: e.created_date,
      visibility: e.visibility,
      body: sanitizeText(e.body ?? "", 1_500),
    });
  });
  return { messages, more: comments.length > max || res.next_cursor !== undefined };
}

/** What writes return as structured content: which conversation it was (the text shows all of it). */
export const savedConversationSchema = z.object({
  id: z.string(),
  display_id: z.string().optional(),
  title: z.string(),
  stage: z.string().optional(),
});

export function savedConversation(c: ConversationSummary): z.infer<typeof savedConversationSchema> {
  return strip({ id: c.id, display_id: c.display_id, title: c.title, stage: c.stage });
}
