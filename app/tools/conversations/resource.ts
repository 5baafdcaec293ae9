import { defineResource } from "../../mcp/resource.js";
import { completeConversationIds } from "../shared/completion-sources.js";
import { renderConversationDetail } from "./conversation-shape.js";
import { loadConversation } from "./conversations-get.js";

export const conversationResource = defineResource({
  name: "conversation",
  title: "Conversation",
  description: "A support conversation (CONV-12 or don: id) with its newest messages",
  uri: "devrev://conversations/{id}",
  mimeType: "text/markdown",
  needs: ["devrev_conversations_get"],
  async read(params, ctx) {
    return renderConversationDetail(await loadConversation(params.id ?? "", ctx, 20));
  },
  complete: { id: completeConversationIds },
});
