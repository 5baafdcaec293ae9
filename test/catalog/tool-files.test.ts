import { describe, expect, it } from "vitest";
import type { ToolDefinition } from "../../app/mcp/tool.js";
import { TOOLS } from "../../app/tools/catalog.js";

// Finding a tool by its name means opening one file: `devrev_question_answers_update` lives in
// app/tools/<its toolset>/question-answers-update.ts and nothing else lives there. The expected
// path is derived from the name, so catalogue and files cannot drift apart silently.

const modules = import.meta.glob<Record<string, unknown>>("../../app/tools/*/*.ts", { eager: true });

function isTool(value: unknown): value is ToolDefinition {
  const v = value as Partial<ToolDefinition> | null;
  return typeof v === "object" && v !== null && typeof v.name === "string" && typeof v.handler === "function";
}

/** `devrev_works_list` in toolset `works` → `../../app/tools/works/works-list.ts`. */
function expectedFile(tool: Pick<ToolDefinition, "name" | "toolset">): string {
  return `../../app/tools/${tool.toolset}/${tool.name.replace(/^devrev_/, "").replaceAll("_", "-")}.ts`;
}

const declared = Object.entries(modules).map(([file, exports]) => ({
  file,
  tools: Object.values(exports).filter(isTool),
}));

describe("one tool per file, named after the tool", () => {
  it("finds every catalogue tool in the file its name gives, as that file's only tool", () => {
    const wrong = TOOLS.flatMap((tool) => {
      const file = expectedFile(tool);
      const tools = modules[file] ? Object.values(modules[file]).filter(isTool) : [];
      if (tools.length === 1 && tools[0] === tool) return [];
      return [
        `${tool.name}: expected alone in ${file.slice(6)}, found ${tools.map((t) => t.name).join(", ") || "no tool"}`,
      ];
    });
    expect(wrong).toEqual([]);
  });

  it("declares no tool outside its own file and none the catalogue leaves out", () => {
    const catalogue = new Set<ToolDefinition>(TOOLS);
    const stray = declared.flatMap(({ file, tools }) =>
      tools
        .filter((t) => !catalogue.has(t) || expectedFile(t) !== file)
        .map(
          (t) => `${file.slice(6)} declares ${t.name}${catalogue.has(t) ? "" : " (not in the catalogue)"}`,
        ),
    );
    expect(stray).toEqual([]);
  });

  it("derives the file from the name", () => {
    expect(expectedFile({ name: "devrev_question_answers_update", toolset: "qa" })).toBe(
      "../../app/tools/qa/question-answers-update.ts",
    );
  });
});
