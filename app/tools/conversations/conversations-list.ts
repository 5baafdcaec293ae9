import { z } from "zod";
import { clampLimit } from "../../devrev/paginate.js";
import type { Schemas } from "../../devrev/types.js";
import { defineTool } from "../../mcp/tool.js";
import { boundedField, time, withinDateBounds } from "../shared/dates.js";
import { expectKind } from "../shared/ids.js";
import { cursorInput, dateInput, limitInput } from "../shared/inputs.js";
import { LOOKUP_OPERATIONS } from "../shared/lookup.js";
import { listOutput, pageOutput } from "../shared/page.js";
import { resolveUserIds } from "../shared/resolve.js";
import {
  conversationSummarySchema,
  renderConversationLine,
  toConversationSummary,
} from "./conversation-shape.js";

type Conversation = Schemas["conversation"];

/** With date bounds, at most this many upstream pages are read per call. */
const MAX_SCAN_PAGES = 5;

const input = z.object({
  stage: z.array(z.string().min(1)).optional().describe("e.g. new, waiting_on_user, resolved"),
  owned_by: z.array(z.string()).optional(),
  account: z.array(z.string().min(1)).optional(),
  rev_org: z.array(z.string().min(1)).optional(),
  created_after: dateInput.optional(),
  created_before: dateInput.optional(),
  modified_after: dateInput.optional(),
  modified_before: dateInput.optional(),
  cursor: cursorInput,
  limit: limitInput,
});

export const conversationsList = defineTool({
  name: "devrev_conversations_list",
  title: "List conversations",
  toolset: "conversations",
  inDefault: true,
  description: "Support conversations with customers, by stage, owner, customer or date (newest first).",
  input,
  output: pageOutput(conversationSummarySchema),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["conversations.list", ...LOOKUP_OPERATIONS.user],
  async handler(args, ctx) {
    const limit = clampLimit(args.limit);
    const accounts = args.account?.map((a) => expectKind(a, ["account"], "an account").id);
    const revOrgs = args.rev_org?.map((o) => expectKind(o, ["rev_org"], "a rev org").id);
    const filters = {
      ...(args.stage?.length ? { stage: { name: args.stage } } : {}),
      ...(args.owned_by?.length ? { owned_by: await resolveUserIds(args.owned_by, ctx) } : {}),
      ...(accounts?.length ? { account: accounts } : {}),
      ...(revOrgs?.length ? { rev_orgs: revOrgs } : {}),
    };
    const page = async (cursor: string | undefined, size: number) => {
      const res = await ctx.call("conversations.list", {
        ...filters,
        limit: size,
        ...(cursor ? { cursor } : {}),
      });
      return { items: res.conversations, next: res.next_cursor };
    };

    const dateField = boundedField(args);
    let found: Conversation[];
    let nextCursor: string | undefined;
    let scanned = 0;
    if (!dateField) {
      const res = await page(args.cursor, limit);
      found = res.items;
      nextCursor = res.next;
    } else {
      // DevRev may ignore date filters: read pages and keep what is in bounds. Each page asks only for
      // as many items as are still missing, so nothing is skipped and the cursor stays exact.
      const within = withinDateBounds(args);
      found = [];
      nextCursor = args.cursor;
      for (let i = 0; i < MAX_SCAN_PAGES && found.length < limit; i++) {
        const res = await page(nextCursor, limit - found.length);
        scanned += res.items.length;
        found.push(...res.items.filter(within));
        nextCursor = res.next;
        if (!nextCursor) break;
      }
      found.sort((a, b) => time(b[dateField]) - time(a[dateField]));
    }
    const items = found.map(toConversationSummary);
    const none = dateField
      ? `No conversations in these date bounds among the ${scanned} read.`
      : "No conversations match these filters.";
    return listOutput(items, {
      line: renderConversationLine,
      empty: none,
      noun: "conversations",
      nextCursor,
    });
  },
});
