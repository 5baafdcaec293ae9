import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { ToolOutput } from "./tool.js";

// Every tool result passes through here: text is capped with a notice that says how to narrow,
// and an over-large structured list is cut to match, so no client gets a 90k-token answer.

export function toCallToolResult(out: ToolOutput<unknown>, maxChars: number): CallToolResult {
  const text = capText(out.text, maxChars);
  const result: CallToolResult = { content: [{ type: "text", text }] };
  if (out.structured !== undefined) {
    result.structuredContent = capStructured(out.structured as Record<string, unknown>, maxChars * 2);
  }
  return result;
}

export function errorResult(message: string): CallToolResult {
  return { content: [{ type: "text", text: message }], isError: true };
}

export function capText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const notice = `\n\n[Truncated: showed ${maxChars} of ${text.length} characters. Narrow the request with filters or a smaller limit, or fetch one item by id.]`;
  const budget = Math.max(0, maxChars - notice.length);
  const cut = text.lastIndexOf("\n", budget);
  return `${text.slice(0, cut > budget * 0.5 ? cut : budget)}${notice}`;
}

/** Cuts the `items` array of a structured result until it fits, marking it truncated. */
function capStructured(value: Record<string, unknown>, maxChars: number): Record<string, unknown> {
  const items = value.items;
  if (!Array.isArray(items) || JSON.stringify(value).length <= maxChars) return value;
  let keep = items.length;
  let candidate = value;
  while (keep > 0) {
    keep = Math.floor(keep * 0.8);
    candidate = { ...value, items: items.slice(0, keep), truncated: true };
    if (JSON.stringify(candidate).length <= maxChars) break;
  }
  return candidate;
}
