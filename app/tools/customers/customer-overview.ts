import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import type { ConversationSummary } from "../conversations/conversation-shape.js";
import { userLabel } from "../shared/format.js";
import { LOOKUP_OPERATIONS } from "../shared/lookup.js";
import { strip } from "../shared/strip.js";
import type { WorkSummary } from "../works/work-shape.js";
import { accountSchema, type RevOrgShape } from "./customer-shape.js";
import { loadOverview, renderOverview } from "./overview-data.js";

// Structured items are leaner than the list tools' shapes: owners as names, no nested objects.
const ref = z.object({ id: z.string(), display_id: z.string().optional(), name: z.string() });
const item = z.object({
  id: z.string(),
  display_id: z.string().optional(),
  title: z.string(),
  stage: z.string().optional(),
  severity: z.string().optional(),
  owners: z.array(z.string()),
  modified_date: z.string().optional(),
});

const toRef = (o: RevOrgShape) => strip({ id: o.id, display_id: o.display_id, name: o.name });
const toItem = (x: WorkSummary | ConversationSummary) =>
  strip({
    id: x.id,
    display_id: x.display_id,
    title: x.title,
    stage: x.stage,
    severity: "severity" in x ? x.severity : undefined,
    owners: x.owners.map(userLabel),
    modified_date: x.modified_date,
  });

export const customerOverview = defineTool({
  name: "devrev_customer_overview",
  title: "Everything about a customer",
  toolset: "customers",
  inDefault: true,
  description:
    "One customer in one call: account, rev orgs, open tickets (most severe first), recent conversations.",
  input: z.object({
    customer: z.string().trim().min(2).max(200).describe("ACC-3, REV-2 or a company name"),
    tickets: z.number().int().min(0).max(25).optional().describe("Default 10"),
    conversations: z.number().int().min(0).max(10).optional().describe("Default 5"),
  }),
  output: z.object({
    account: accountSchema.optional(),
    requested_rev_org: ref.optional(),
    rev_orgs: z.array(ref),
    open_tickets: z.object({
      items: z.array(item),
      total: z.number().int().describe("A lower bound when complete is false"),
      complete: z.boolean(),
    }),
    conversations: z.array(item),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["works.list", "conversations.list", ...LOOKUP_OPERATIONS.customer],
  async handler(args, ctx) {
    const o = await loadOverview(args.customer, ctx, {
      tickets: args.tickets ?? 10,
      conversations: args.conversations ?? 5,
    });
    return {
      text: renderOverview(o),
      structured: {
        ...(o.account ? { account: o.account } : {}),
        ...(o.requested_rev_org ? { requested_rev_org: toRef(o.requested_rev_org) } : {}),
        rev_orgs: o.rev_orgs.map(toRef),
        open_tickets: { ...o.open_tickets, items: o.open_tickets.items.map(toItem) },
        conversations: o.conversations.map(toItem),
      },
    };
  },
});
