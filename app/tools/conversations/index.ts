import { defineDomain } from "../domain.js";
import { conversationsCreate } from "./conversations-create.js";
import { conversationsGet } from "./conversations-get.js";
import { conversationsList } from "./conversations-list.js";
import { conversationsUpdate } from "./conversations-update.js";
import { conversationResource } from "./resource.js";

export const conversations = defineDomain({
  toolset: "conversations",
  description: "Support conversations with customers: list, read with messages, start, update",
  tools: [conversationsList, conversationsGet, conversationsCreate, conversationsUpdate],
  resources: [conversationResource],
});
