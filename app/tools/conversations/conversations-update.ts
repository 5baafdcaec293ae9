import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { requireChanges } from "../shared/changes.js";
import { expectKind } from "../shared/ids.js";
import { LOOKUP_OPERATIONS } from "../shared/lookup.js";
import { resolveUserIds, tagChanges } from "../shared/resolve.js";
import {
  renderConversationLine,
  savedConversation,
  savedConversationSchema,
  toConversationSummary,
} from "./conversation-shape.js";

const CHANGES = ["title", "description", "stage", "owned_by", "account", "add_tags", "remove_tags"] as const;

export const conversationsUpdate = defineTool({
  name: "devrev_conversations_update",
  title: "Update a conversation",
  toolset: "conversations",
  description:
    "Change a conversation's title, description, stage, owners, account or tags. To reply use " +
    "devrev_timeline_entries_create.",
  input: z.object({
    id: z.string().min(1),
    title: z.string().trim().min(1).max(256).optional(),
    description: z.string().max(8_000).optional(),
    stage: z.string().min(1).optional().describe("e.g. resolved"),
    owned_by: z.array(z.string()).min(1).optional().describe("Replaces the owners"),
    account: z.string().min(1).optional(),
    add_tags: z.array(z.string()).optional().describe("Tag ids or names"),
    remove_tags: z.array(z.string()).optional().describe("Tag ids or names"),
  }),
  output: z.object({ conversation: savedConversationSchema, changed: z.array(z.string()) }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["conversations.update", ...LOOKUP_OPERATIONS.user, ...LOOKUP_OPERATIONS.tag],
  async handler(args, ctx) {
    const changed = requireChanges(args, CHANGES);
    const tags = await tagChanges(args, ctx);
    const ref = expectKind(args.id, ["conversation"], "a conversation");
    const account = args.account ? expectKind(args.account, ["account"], "an account").id : undefined;
    const { conversation } = await ctx.call("conversations.update", {
      id: ref.id,
      ...(args.title !== undefined ? { title: args.title } : {}),
      ...(args.description !== undefined ? { description: args.description } : {}),
      ...(args.stage ? { stage: { name: args.stage } } : {}),
      ...(args.owned_by ? { owned_by: { set: await resolveUserIds(args.owned_by, ctx) } } : {}),
      ...(account ? { account } : {}),
      ...tags,
    });
    const shaped = toConversationSummary(conversation);
    return {
      text: `Updated ${shaped.display_id ?? shaped.id} (${changed.join(", ")}).\n${renderConversationLine(shaped)}`,
      structured: { conversation: savedConversation(shaped), changed: [...changed] },
    };
  },
});
