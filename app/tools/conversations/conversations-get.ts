import { z } from "zod";
import type { ToolContext } from "../../mcp/tool.js";
import { defineTool } from "../../mcp/tool.js";
import { expectKind } from "../shared/ids.js";
import {
  conversationDetailSchema,
  recentMessages,
  renderConversationDetail,
  toConversationDetail,
} from "./conversation-shape.js";

/** A conversation with its newest messages, for the get tool, the resource and prompts. */
export async function loadConversation(id: string, ctx: ToolContext, maxMessages = 10) {
  const ref = expectKind(id, ["conversation"], "a conversation");
  const { conversation } = await ctx.call("conversations.get", { id: ref.id });
  return toConversationDetail(conversation, await recentMessages(conversation.id, ctx, maxMessages));
}

export const conversationsGet = defineTool({
  name: "devrev_conversations_get",
  title: "Get a conversation",
  toolset: "conversations",
  inDefault: true,
  description: "One support conversation (CONV-12) with stage, owners, customer and its newest messages.",
  input: z.object({
    id: z.string().min(1),
    messages: z.number().int().min(0).max(50).optional().describe("Default 10"),
  }),
  output: z.object({ conversation: conversationDetailSchema }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["conversations.get", "timeline-entries.list"],
  async handler(args, ctx) {
    const conversation = await loadConversation(args.id, ctx, args.messages ?? 10);
    return { text: renderConversationDetail(conversation), structured: { conversation } };
  },
});
