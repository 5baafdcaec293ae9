import { z } from "zod";
import { clampLimit } from "../../devrev/paginate.js";
import { defineTool } from "../../mcp/tool.js";
import { cursorInput, limitInput } from "../shared/inputs.js";
import { listOutput, pageOutput } from "../shared/page.js";
import { resolveAnyObjectId } from "../shared/resolve.js";
import { entrySchema, renderEntryLine, toEntry } from "./entry-shape.js";

const SHOW = { comments: ["discussions"], events: ["events"] } as const;

export const timelineEntriesList = defineTool({
  name: "devrev_timeline_entries_list",
  title: "List comments and activity",
  toolset: "timeline",
  inDefault: true,
  description:
    "An object's comments (with visibility) and change events, newest first. Gives the comment ids that " +
    "edit and delete take.",
  input: z.object({
    object: z.string().min(1).describe("Work item, part or any don: id"),
    show: z.enum(["all", "comments", "events"]).default("all"),
    cursor: cursorInput,
    limit: limitInput,
  }),
  output: z.object({ object: z.string(), ...pageOutput(entrySchema).shape }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["timeline-entries.list", "works.get", "parts.get"],
  async handler(args, ctx) {
    const object = await resolveAnyObjectId(args.object, ctx);
    const res = await ctx.call("timeline-entries.list", {
      object,
      limit: clampLimit(args.limit),
      ...(args.cursor ? { cursor: args.cursor } : {}),
      ...(args.show !== "all" ? { collections: [...SHOW[args.show]] } : {}),
    });
    const items = res.timeline_entries.map((e) => toEntry(e));
    const label = res.timeline_entries[0]?.object_display_id ?? args.object;
    const noun = args.show === "all" ? "timeline entries" : args.show;
    return listOutput(items, {
      line: renderEntryLine,
      header: `Timeline of ${label}, newest first:`,
      empty: `No ${noun} on ${label}.`,
      noun,
      nextCursor: res.next_cursor,
      extra: { object },
    });
  },
});
