import { z } from "zod";
import { unwrap } from "../../devrev/client.js";
import { defineTool } from "../../mcp/tool.js";
import { ToolInputError } from "../../mcp/tool-errors.js";
import { expectKind } from "../shared/ids.js";
import { resolveUserIds } from "../shared/resolve.js";
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
    "Change a conversation (CONV-12 or don: id): title, description, stage (new, waiting_on_user, resolved, " +
    'archived), owners (replaced; "me" or dev user ids), account (ACC-3) or tags. Only given fields change. ' +
    "To reply, use devrev_timeline_entries_create.",
  input: z.object({
    id: z.string().min(1).describe("CONV-12, a don: id or a DevRev URL"),
    title: z.string().trim().min(1).max(256).optional(),
    description: z.string().max(8_000).optional(),
    stage: z.string().min(1).optional().describe('New stage name, e.g. "resolved"'),
    owned_by: z.array(z.string()).min(1).optional().describe('Replaces the owners: "me" or dev user ids'),
    account: z.string().min(1).optional().describe("The customer: ACC-3 or an account don: id"),
    add_tags: z.array(z.string().startsWith("don:")).optional().describe("Tag ids to add"),
    remove_tags: z.array(z.string().startsWith("don:")).optional().describe("Tag ids to remove"),
  }),
  output: z.object({ conversation: savedConversationSchema, changed: z.array(z.string()) }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["conversations.update", "dev-users.self"],
  async handler(args, ctx) {
    const changed = CHANGES.filter((k) => args[k] !== undefined);
    if (changed.length === 0)
      throw new ToolInputError(`Nothing to change: give at least one of ${CHANGES.join(", ")}.`);
    const ref = expectKind(args.id, ["conversation"], "a conversation");
    const account = args.account ? expectKind(args.account, ["account"], "an account").id : undefined;
    const tags =
      args.add_tags || args.remove_tags
        ? {
            tags: {
              ...(args.add_tags ? { add: args.add_tags.map((id) => ({ id })) } : {}),
              ...(args.remove_tags ? { remove: args.remove_tags.map((id) => ({ id })) } : {}),
            },
          }
        : {};
    const { conversation } = await unwrap(
      ctx.devrev.api.POST("/conversations.update", {
        body: {
          id: ref.id,
          ...(args.title !== undefined ? { title: args.title } : {}),
          ...(args.description !== undefined ? { description: args.description } : {}),
          ...(args.stage ? { stage: { name: args.stage } } : {}),
          ...(args.owned_by ? { owned_by: { set: await resolveUserIds(args.owned_by, ctx) } } : {}),
          ...(account ? { account } : {}),
          ...tags,
        },
        signal: ctx.signal,
      }),
    );
    const shaped = toConversationSummary(conversation);
    return {
      text: `Updated ${shaped.display_id ?? shaped.id} (${changed.join(", ")}).\n${renderConversationLine(shaped)}`,
      structured: { conversation: savedConversation(shaped), changed: [...changed] },
    };
  },
});
