import { z } from "zod";
import type { TimelineEntry } from "../../devrev/types.js";
import { defineTool } from "../../mcp/tool.js";
import { sanitizeText } from "../../util/sanitize.js";
import { userLabel, userRef } from "../shared/format.js";
import { expectKind } from "../shared/ids.js";
import { LOOKUP_OPERATIONS } from "../shared/lookup.js";
import { resolveUserIds } from "../shared/resolve.js";
import { strip } from "../shared/strip.js";
import {
  type Message,
  renderConversationDetail,
  savedConversation,
  savedConversationSchema,
  toConversationDetail,
} from "./conversation-shape.js";

export const conversationsCreate = defineTool({
  name: "devrev_conversations_create",
  title: "Create a conversation",
  toolset: "conversations",
  description:
    "Start a support conversation, optionally for a customer account, with members and a first message.",
  input: z.object({
    title: z.string().trim().min(1).max(256),
    description: z.string().max(8_000).optional(),
    account: z.string().min(1).optional(),
    members: z.array(z.string()).optional().describe("Dev or rev user ids"),
    owned_by: z.array(z.string()).optional().describe("Default: me"),
    message: z.string().trim().min(1).max(65_536).optional(),
  }),
  output: z.object({ conversation: savedConversationSchema }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  operations: ["conversations.create", ...LOOKUP_OPERATIONS.user],
  async handler(args, ctx) {
    const account = args.account ? expectKind(args.account, ["account"], "an account").id : undefined;
    const { conversation } = await ctx.call("conversations.create", {
      type: "support",
      title: args.title,
      owned_by: await resolveUserIds(args.owned_by?.length ? args.owned_by : ["me"], ctx),
      ...(args.description ? { description: args.description } : {}),
      ...(account ? { account } : {}),
      ...(args.members?.length ? { members: await resolveUserIds(args.members, ctx) } : {}),
      ...(args.message ? { messages: [{ body: args.message }] } : {}),
    });
    // The create response carries the first messages; no second call is needed.
    const messages = (conversation.messages ?? []).filter(isComment).map(
      (e): Message =>
        strip({
          id: e.id,
          author: authorOf(e),
          date: e.created_date,
          visibility: e.visibility,
          body: sanitizeText(e.body ?? "", 1_500),
        }),
    );
    const detail = toConversationDetail(conversation, { messages, more: false });
    return {
      text: `Created ${detail.display_id ?? detail.id}.\n${renderConversationDetail(detail)}`,
      structured: { conversation: savedConversation(detail) },
    };
  },
});

function authorOf(e: TimelineEntry): string | undefined {
  const author = userRef(e.created_by);
  return author ? userLabel(author) : undefined;
}

function isComment(e: TimelineEntry): e is TimelineEntry & { type: "timeline_comment"; body?: string } {
  return e.type === "timeline_comment";
}
