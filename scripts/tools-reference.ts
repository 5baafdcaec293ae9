// Generates docs/tools.md from the tool registry: every tool's name, toolset, flags, description,
// inputs and the top level of what it returns (from the same JSON Schemas tools/list serves). `--check` exits non-zero when
// docs/tools.md differs from what the registry says, so the reference cannot drift.
//   npx tsx scripts/tools-reference.ts          write docs/tools.md
//   npx tsx scripts/tools-reference.ts --check  fail if it is stale
//   ... --file <path>                           another file (tests)
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ToolRegistry } from "../app/mcp/registry.js";
import { PROMPTS, RESOURCES, TOOLS, TOOLSETS } from "../app/tools/catalog.js";

export const REFERENCE_PATH = join(dirname(fileURLToPath(import.meta.url)), "..", "docs", "tools.md");

type Schema = Record<string, unknown>;

export function renderToolsReference(): string {
  const registry = new ToolRegistry(TOOLS);
  const inDefault = TOOLS.filter((t) => t.inDefault);
  const out: string[] = [
    "# Tools reference",
    "",
    "<!-- Generated from the tool registry by `npm run docs:tools`. Do not edit by hand: `npm test` fails when this file is stale. -->",
    "",
    `${TOOLS.length} tools in ${Object.keys(TOOLSETS).length} toolsets. \`MCP_TOOLSETS\` chooses what tools/list ` +
      `shows (the default surface is the ${inDefault.length} tools marked **default**); \`MCP_PERMITTED_TOOLSETS\` ` +
      "what may be called at all (unset: `all`, or the toolsets of `MCP_TOOLSETS` when that is set). A permitted tool that is not listed is found with " +
      "`devrev_find_tools` (which gives its input schema) and run with `devrev_call_tool`. Requests narrow both with " +
      "the `X-MCP-Toolsets` / `X-MCP-Readonly` headers or the `/mcp/x/<toolsets>` and `/mcp/readonly` paths. " +
      "Destructive tools need `MCP_ENABLE_DESTRUCTIVE_TOOLS=true`; beta tools (DevRev beta APIs) are refused when " +
      "`MCP_ENABLE_BETA_TOOLS=false`. Resources and prompts are there where the tools they name under **needs** " +
      "may be called.",
    "",
    "| Toolset | Tools | Description |",
    "| --- | --- | --- |",
  ];
  for (const [name, description] of Object.entries(TOOLSETS)) {
    const tools = TOOLS.filter((t) => t.toolset === name);
    out.push(`| [${name}](#toolset-${name}) | ${tools.length} | ${cell(description)} |`);
  }
  for (const [toolset, description] of Object.entries(TOOLSETS)) {
    out.push("", `## Toolset: ${toolset}`, "", `${description}.`);
    for (const def of TOOLS.filter((t) => t.toolset === toolset)) {
      const listing = registry.get(def.name)?.listing;
      if (!listing) continue;
      // A forwarding tool's hints are those of what it may run on the request's surface.
      const flags = (
        def.forwards
          ? [def.inDefault ? "default" : undefined, "runs other tools (hints: the widest of what it may run)"]
          : [
              def.inDefault ? "default" : undefined,
              def.annotations.readOnlyHint ? "read-only" : "writes",
              def.annotations.destructiveHint ? "destructive" : undefined,
              def.annotations.idempotentHint ? "idempotent" : undefined,
              def.beta ? "beta" : undefined,
            ]
      ).filter((f): f is string => f !== undefined);
      out.push(
        "",
        `### \`${def.name}\` — ${def.title}`,
        "",
        flags.map((f) => (f === "default" || f === "destructive" ? `**${f}**` : f)).join(" · "),
        "",
        def.description,
        "",
        ...inputsTable(listing.inputSchema as Schema),
        "",
        returns(listing.outputSchema as Schema | undefined),
        ...(def.operations.length
          ? ["", `DevRev operations: ${def.operations.map((o) => `\`${o}\``).join(", ")}`]
          : []),
      );
    }
  }
  if (RESOURCES.length) {
    out.push("", "## Resources", "", "| URI | Name | Description | Needs |", "| --- | --- | --- | --- |");
    for (const r of RESOURCES) {
      out.push(`| \`${r.uri}\` | ${cell(r.title)} | ${cell(r.description)} | ${needs(r.needs)} |`);
    }
  }
  if (PROMPTS.length) {
    out.push(
      "",
      "## Prompts",
      "",
      "| Prompt | Arguments | Description | Needs |",
      "| --- | --- | --- | --- |",
    );
    for (const p of PROMPTS) {
      const args = Object.keys(p.args.shape).map((a) => `\`${a}\``);
      out.push(`| \`${p.name}\` | ${args.join(", ") || "—"} | ${cell(p.description)} | ${needs(p.needs)} |`);
    }
  }
  return `${out.join("\n")}\n`;
}

function needs(tools: readonly string[]): string {
  return tools.map((t) => `\`${t}\``).join(", ");
}

function inputsTable(schema: Schema): string[] {
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required ?? []) as string[]);
  const names = Object.keys(props);
  if (!names.length) return ["No inputs."];
  return [
    "| Input | Type | Required | Description |",
    "| --- | --- | --- | --- |",
    ...names.map((n) => {
      const p = props[n] ?? {};
      return `| \`${n}\` | ${cell(typeOf(p))} | ${required.has(n) ? "yes" : ""} | ${cell(String(p.description ?? ""))} |`;
    }),
  ];
}

/** The top level of structuredContent, as the listed outputSchema states it (`?` = optional). */
function returns(schema: Schema | undefined): string {
  const props = Object.entries((schema?.properties ?? {}) as Record<string, Schema>);
  if (!props.length) return "Returns the called tool's structured content.";
  const required = new Set((schema?.required ?? []) as string[]);
  const fields = props.map(
    ([n, p]) =>
      `\`${n}${required.has(n) ? "" : "?"}\` ${p.type ? typeOf(p).replace("any[]", "array") : "any"}`,
  );
  return `Returns (structuredContent): ${fields.join(", ")}`;
}

/** A short, readable type from a JSON Schema: `string`, `"a" | "b"`, `string[]`, `integer (0–9)`. */
export function typeOf(s: Schema): string {
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (s.const !== undefined) return JSON.stringify(s.const);
  const union = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (union) return [...new Set(union.map(typeOf))].join(" or ");
  if (s.type === "array") {
    const item = typeOf((s.items ?? {}) as Schema);
    return item.includes(" ") ? `(${item})[]` : `${item}[]`;
  }
  if (s.type === "object") return "object";
  const base = Array.isArray(s.type) ? s.type.join(" | ") : String(s.type ?? "any");
  const notes: string[] = [];
  if (typeof s.format === "string" && s.format !== "starts_with") notes.push(s.format);
  const min = s.minimum as number | undefined;
  const max = s.maximum as number | undefined;
  const safe = (v: number | undefined) => v !== undefined && Math.abs(v) < Number.MAX_SAFE_INTEGER;
  if (safe(min) || safe(max)) notes.push(`${safe(min) ? min : ""}–${safe(max) ? max : ""}`);
  return notes.length ? `${base} (${notes.join(", ")})` : base;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}

function main(argv: readonly string[]): number {
  const fileArg = argv.indexOf("--file");
  const path = fileArg >= 0 && argv[fileArg + 1] ? (argv[fileArg + 1] as string) : REFERENCE_PATH;
  const rendered = renderToolsReference();
  if (argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(path, "utf8");
    } catch {
      // A missing file is stale too.
    }
    if (current !== rendered) {
      process.stderr.write(`${path} is stale: run \`npm run docs:tools\` and commit the result.\n`);
      return 1;
    }
    process.stdout.write(`${path} is up to date (${TOOLS.length} tools).\n`);
    return 0;
  }
  writeFileSync(path, rendered);
  process.stdout.write(`Wrote ${path} (${TOOLS.length} tools).\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
