import { defineDomain } from "../domain.js";
import { conversationsCreate } from "./create.js";
import { conversationsGet } from "./get.js";
import { conversationsList } from "./list.js";
import { conversationResource } from "./resource.js";
import { conversationsUpdate } from "./update.js";

export const conversations = defineDomain({
  toolset: "conversations",
  description: "Support conversations with customers: list, read with messages, start, update",
  tools: [conversationsList, conversationsGet, conversationsCreate, conversationsUpdate],
  resources: [conversationResource],
});
