import { z } from "zod";
import type { ToolContext } from "../../mcp/tool.js";
import { ToolInputError } from "../../mcp/tool-errors.js";
import { expectKind } from "../shared/ids.js";

export const incidentIdInput = z.string().min(1);

/** Severity ids: 0 = Sev0 (worst) ... 3 = Sev3; the tools' descriptions say so once. */
export const severityInput = z.number().int().min(0).max(9);

export const incidentPartsInput = z.array(z.string().min(1)).min(1).max(10);
export const incidentOwnersInput = z.array(z.string().min(1)).min(1).max(10);

export function incidentId(input: string): string {
  return expectKind(input, ["incident"], "an incident").id;
}

/**
 * Incidents take a custom stage's id; people say its name ("mitigated"). One stages.custom.list call
 * maps names to ids; don: ids pass through.
 */
export async function resolveStageIds(names: readonly string[], ctx: ToolContext): Promise<string[]> {
  const wanted = names.map((n) => n.trim()).filter(Boolean);
  const byName = wanted.filter((n) => !n.startsWith("don:"));
  if (!byName.length) return wanted;
  const name = [...new Set(byName.flatMap((n) => [n, n.toLowerCase()]))];
  const { result } = await ctx.call("stages.custom.list", { name, limit: 50 });
  return wanted.map((n) => {
    if (n.startsWith("don:")) return n;
    const found = result.find((s) => s.name?.toLowerCase() === n.toLowerCase());
    if (!found) {
      throw new ToolInputError(
        `"${n}" is not an incident stage. Use e.g. acknowledged, identified, mitigated or resolved.`,
      );
    }
    return found.id;
  });
}

/** One stage name or id to its id; undefined when none was given. */
export async function resolveStageId(
  name: string | undefined,
  ctx: ToolContext,
): Promise<string | undefined> {
  if (!name) return undefined;
  const [id] = await resolveStageIds([name], ctx);
  return id;
}
