import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { sanitizeLine } from "../../util/sanitize.js";
import { listOutput } from "../shared/page.js";

export const LEAF_TYPES = [
  "ticket",
  "issue",
  "task",
  "opportunity",
  "conversation",
  "account",
  "rev_org",
  "product",
  "capability",
  "feature",
  "enhancement",
] as const;

const subtypeSchema = z.object({
  leaf_type: z.string(),
  value: z.string(),
  display_name: z.string().optional(),
  fragment_id: z.string(),
});

const MAX = 200;

export const subtypesList = defineTool({
  name: "devrev_subtypes_list",
  title: "List subtypes",
  toolset: "schemas",
  description:
    "List the org's subtypes (e.g. ticket billing_dispute); devrev_custom_fields_get shows their fields.",
  input: z.object({
    leaf_type: z.enum(LEAF_TYPES).optional(),
  }),
  output: z.object({
    items: z.array(subtypeSchema),
    count: z.number().int(),
    truncated: z.boolean().optional(),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["schemas.subtypes.list"],
  beta: true,
  async handler(args, ctx) {
    const { subtypes } = await ctx.call(
      "schemas.subtypes.list",
      args.leaf_type ? { leaf_type: args.leaf_type } : {},
    );
    // The operation does not page; a huge org's answer is cut here rather than flooding the model.
    const items = subtypes.slice(0, MAX).map((s) => ({
      leaf_type: s.leaf_type,
      value: s.value,
      ...(s.display_name ? { display_name: sanitizeLine(s.display_name, 80) } : {}),
      fragment_id: s.fragment_id,
    }));
    const cut = subtypes.length > MAX;
    return listOutput(items, {
      line: (s) => `${s.leaf_type}/${s.value}${s.display_name ? ` — ${s.display_name}` : ""}`,
      empty: `No subtypes${args.leaf_type ? ` of ${args.leaf_type}` : ""}.`,
      ...(cut ? { footer: `Showing ${MAX} of ${subtypes.length}: pass leaf_type to narrow.` } : {}),
      extra: cut ? { truncated: true } : {},
    });
  },
});
