import type { ToolContext } from "../../mcp/tool.js";
import { expectKind } from "../shared/ids.js";
import { PART_KINDS } from "../shared/resolve.js";
import { type PartShape, toPart } from "./part-shape.js";

const WHAT = "a part (product, capability, feature or enhancement)";

/** One part and the parts directly below it (at most 50: the tree is for orientation). */
export async function fetchPartWithChildren(
  input: string,
  ctx: ToolContext,
): Promise<{ part: PartShape; children: PartShape[]; moreChildren: boolean }> {
  const ref = expectKind(input, PART_KINDS, WHAT);
  const { part } = await ctx.call("parts.get", { id: ref.id });
  const shaped = toPart(part, 4_000);
  if (part.type === "enhancement") return { part: shaped, children: [], moreChildren: false };
  const res = await ctx.call("parts.list", { parent_part: { parts: [part.id], level: 1 }, limit: 50 });
  return { part: shaped, children: res.parts.map((p) => toPart(p, 200)), moreChildren: !!res.next_cursor };
}

/** The part an argument names, checked to be a part id. */
export function parsePartRef(input: string) {
  return expectKind(input, PART_KINDS, WHAT);
}
