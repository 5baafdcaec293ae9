import { defineResource } from "../../mcp/resource.js";
import { completeByPrefix } from "../shared/complete.js";
import { renderConversationDetail } from "./conversation-shape.js";
import { loadConversation } from "./conversations-get.js";

export const conversationResource = defineResource({
  name: "conversation",
  title: "Conversation",
  description: "A support conversation (CONV-12 or don: id) with its newest messages",
  uri: "devrev://conversations/{id}",
  mimeType: "text/markdown",
  async read(params, ctx) {
    return renderConversationDetail(await loadConversation(params.id ?? "", ctx, 20));
  },
  complete: {
    async id(value, ctx) {
      const { conversations } = await ctx.call("conversations.list", { limit: 50 });
      return completeByPrefix(conversations, value, (c) => [c.display_id, c.title]);
    },
  },
});
