import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { ToolInputError } from "../../mcp/tool-errors.js";
import { sanitizeLine } from "../../util/sanitize.js";

// The other half of devrev_find_tools: tools/list stays small, and a tool this connection may call
// but does not list is still one call away. Many clients only call tools they were listed, so the
// model names the tool here instead. The call layer runs it exactly as a tools/call of that name
// (its own gate, validation, confirmation, audit and truncation); this tool adds nothing to it.

const NAME = "devrev_call_tool";

function parseJsonObject(value: unknown): unknown {
  if (typeof value !== "string" || !value.trim().startsWith("{")) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    // Left as the string: the schema then says an object is expected.
    return value;
  }
}

export const callToolByName = defineTool({
  name: NAME,
  title: "Call a tool by name",
  toolset: "meta",
  inDefault: true,
  forwards: true,
  description:
    "Run a tool this connection may call but does not list: its name and its arguments, as devrev_find_tools " +
    "shows them.",
  input: z.object({
    name: z.string().trim().min(1).max(80).describe("e.g. devrev_links_create"),
    // Some models send nested arguments as a JSON string; one that parses to an object is taken.
    arguments: z
      .preprocess(parseJsonObject, z.record(z.string(), z.unknown()))
      .optional()
      .describe("The tool's own arguments"),
  }),
  // The called tool's result, whose structuredContent is that tool's: on success always an object
  // (every tool declares an output), of a shape only the name decides, so any object.
  output: z.looseObject({}),
  // The widest case; tools/list shows the hints of what it may run on the request's surface.
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  operations: [],
  async handler(args, ctx) {
    const catalog = ctx.catalog;
    if (!catalog) throw new Error("devrev_call_tool needs the catalogue in its context");
    const target = catalog.tools().find((t) => t.name === args.name);
    if (!target) {
      throw new ToolInputError(
        `No tool is named "${sanitizeLine(args.name, 80)}". devrev_find_tools searches the catalogue by intent.`,
      );
    }
    if (target.forwards) {
      throw new ToolInputError(`${NAME} runs other tools: name the tool to run, not ${target.name}.`);
    }
    const result = await catalog.run(target.name, args.arguments ?? {}, NAME);
    const content = "content" in result && Array.isArray(result.content) ? result.content : [];
    return {
      text: content.map((c) => (c.type === "text" ? c.text : "")).join("\n"),
      forwarded: result,
    };
  },
});
