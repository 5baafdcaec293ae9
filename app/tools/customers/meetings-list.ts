import { z } from "zod";
import { clampLimit } from "../../devrev/paginate.js";
import type { Schemas } from "../../devrev/types.js";
import { defineTool } from "../../mcp/tool.js";
import { sanitizeLine } from "../../util/sanitize.js";
import { toDateTime } from "../shared/dates.js";
import { day, fields, type UserRef, userLabel, userRef, userRefSchema } from "../shared/format.js";
import { cursorInput, dateInput, limitInput } from "../shared/inputs.js";
import { LOOKUP_OPERATIONS } from "../shared/lookup.js";
import { listOutput, pageOutput } from "../shared/page.js";
import { resolveUserIds } from "../shared/resolve.js";
import { describeFilters } from "../shared/stage-filter.js";
import { strip } from "../shared/strip.js";
import { resolveCustomer } from "./customer-refs.js";

// Customer meetings (calls, demos, QBRs) from DevRev's public meetings.list: who met which customer
// when, and how it went. The official DevRev MCP server has the same tool.

type Meeting = Schemas["meeting"];

const STATES = [
  "scheduled",
  "ongoing",
  "completed",
  "canceled",
  "no_show",
  "rescheduled",
  "rejected",
  "waiting",
] as const;
const CHANNELS = ["zoom", "google_meet", "teams", "offline", "amazon_connect", "other"] as const;

const meetingSchema = z.object({
  id: z.string(),
  display_id: z.string().optional(),
  title: z.string(),
  state: z.string().optional(),
  channel: z.string().optional(),
  scheduled_date: z.string().optional(),
  ended_date: z.string().optional(),
  organizer: userRefSchema.optional(),
  members: z.number().int().optional().describe("How many people were invited"),
  customer: z.string().optional().describe("The account or object the meeting is about"),
});
type MeetingSummary = z.infer<typeof meetingSchema>;

const input = z.object({
  account: z.string().min(1).optional().describe("ACC-3, REV-2 or a customer name"),
  state: z.array(z.enum(STATES)).optional(),
  channel: z.array(z.enum(CHANNELS)).optional(),
  organizer: z.array(z.string()).max(20).optional(),
  members: z.array(z.string()).max(20).optional(),
  scheduled_after: dateInput.optional(),
  scheduled_before: dateInput.optional(),
  cursor: cursorInput,
  limit: limitInput,
});

const FILTERS = [
  "account",
  "state",
  "channel",
  "organizer",
  "members",
  "scheduled_after",
  "scheduled_before",
];

export const meetingsList = defineTool({
  name: "devrev_meetings_list",
  title: "List meetings",
  toolset: "customers",
  description:
    "Customer meetings (calls, demos, reviews), newest scheduled first, by customer, state, channel, people or date.",
  input,
  output: pageOutput(meetingSchema),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["meetings.list", "accounts.get", "accounts.list", "rev-orgs.get", ...LOOKUP_OPERATIONS.user],
  async handler(args, ctx) {
    const customer = args.account ? await resolveCustomer(args.account, ctx) : undefined;
    const parent = customer?.account?.id ?? customer?.revOrg?.id;
    const [organizers, members] = await Promise.all([
      args.organizer?.length ? resolveUserIds(args.organizer, ctx, "organizer") : undefined,
      args.members?.length ? resolveUserIds(args.members, ctx, "members") : undefined,
    ]);
    const scheduled =
      args.scheduled_after || args.scheduled_before
        ? {
            type: "range" as const,
            ...(args.scheduled_after ? { after: toDateTime(args.scheduled_after) } : {}),
            ...(args.scheduled_before ? { before: toDateTime(args.scheduled_before) } : {}),
          }
        : undefined;
    const res = await ctx.call("meetings.list", {
      limit: clampLimit(args.limit),
      sort_by: ["scheduled_date:desc"],
      ...(args.cursor ? { cursor: args.cursor } : {}),
      ...(parent ? { parent: [parent] } : {}),
      ...(args.state?.length ? { state: args.state } : {}),
      ...(args.channel?.length ? { channel: args.channel } : {}),
      ...(organizers ? { organizer: organizers } : {}),
      ...(members ? { members } : {}),
      ...(scheduled ? { scheduled_date: scheduled } : {}),
    });
    const items = res.meetings.map(toMeetingSummary);
    const applied = describeFilters(args, FILTERS);
    return listOutput(items, {
      line: renderMeetingLine,
      empty: applied ? `No meetings match ${applied}.` : "No meetings exist.",
      noun: "meetings",
      nextCursor: res.next_cursor,
    });
  },
});

function toMeetingSummary(m: Meeting): MeetingSummary {
  const parent = m.parent as
    | { display_id?: string; id?: string; display_name?: string; name?: string }
    | undefined;
  const parentName = sanitizeLine(parent?.display_name ?? parent?.name, 80);
  return strip({
    id: m.id,
    display_id: m.display_id,
    title: sanitizeLine(m.title, 200) || "(untitled)",
    state: m.state,
    channel: m.channel,
    scheduled_date: m.scheduled_date,
    ended_date: m.ended_date,
    organizer: userRef(m.organizer) as UserRef | undefined,
    members: m.members?.length,
    customer: parent ? [parent.display_id ?? parent.id, parentName].filter(Boolean).join(" ") : undefined,
  });
}

function renderMeetingLine(m: MeetingSummary): string {
  const rest = fields([
    ["state", m.state],
    ["on", day(m.scheduled_date)],
    ["via", m.channel],
    ["with", m.customer],
    ["organizer", m.organizer ? userLabel(m.organizer) : undefined],
    ["invited", m.members],
  ]);
  const head = `${m.display_id ?? m.id} ${m.title}`;
  return rest ? `${head} — ${rest}` : head;
}
