import { z } from "zod";
import type { Schemas } from "../../devrev/types.js";
import { defineTool } from "../../mcp/tool.js";
import { sanitizeLine } from "../../util/sanitize.js";
import { LEAF_TYPES } from "./subtypes-list.js";

const fieldSchema = z.object({
  name: z.string(),
  type: z.string(),
  label: z.string().optional(),
  required: z.boolean().optional(),
  allowed_values: z.array(z.string()).optional(),
  id_types: z.array(z.string()).optional(),
});
type Field = z.infer<typeof fieldSchema>;

type Descriptor = Schemas["schema-field-descriptor"];
type Loose = Record<string, unknown>;

function toField(d: Descriptor): Field {
  const x = d as Descriptor & Loose;
  const base = typeof x.base_type === "string" ? x.base_type : undefined;
  const allowed = Array.isArray(x.allowed_values)
    ? (x.allowed_values as unknown[])
        .map((v) =>
          typeof v === "string"
            ? v
            : typeof (v as Loose)?.label === "string"
              ? String((v as Loose).label)
              : "",
        )
        .filter(Boolean)
        .slice(0, 50)
        .map((v) => sanitizeLine(v, 60))
    : [];
  const idTypes = Array.isArray(x.id_type)
    ? (x.id_type as unknown[]).filter((t): t is string => typeof t === "string")
    : [];
  const label = d.ui?.display_name ? sanitizeLine(d.ui.display_name, 80) : "";
  return {
    name: d.name,
    type: d.field_type === "array" && base ? `array<${base}>` : d.field_type,
    ...(label ? { label } : {}),
    ...(d.is_required ? { required: true } : {}),
    ...(allowed.length ? { allowed_values: allowed } : {}),
    ...(idTypes.length ? { id_types: idTypes } : {}),
  };
}

function renderField(f: Field): string {
  const details = [
    f.allowed_values ? f.allowed_values.join("|") : undefined,
    f.id_types ? `→ ${f.id_types.join("/")}` : undefined,
    f.required ? "required" : undefined,
  ].filter(Boolean);
  return `- ${f.name} (${f.type}${details.length ? `: ${details.join(", ")}` : ""})${f.label ? ` — ${f.label}` : ""}`;
}

export const customFieldsGet = defineTool({
  name: "devrev_custom_fields_get",
  title: "Fields of an object type",
  toolset: "schemas",
  description:
    "Stock and custom (ctype__…) fields of an object type or subtype: types, allowed values, required. Use " +
    "before filtering or writing them.",
  input: z.object({
    leaf_type: z.enum(LEAF_TYPES),
    subtype: z.string().min(1).optional(),
  }),
  output: z.object({
    leaf_type: z.string(),
    subtype: z.string().optional(),
    stock_fields: z.array(fieldSchema),
    custom_fields: z.array(fieldSchema),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["schemas.aggregated.get"],
  async handler(args, ctx) {
    const { schema } = await ctx.call("schemas.aggregated.get", {
      leaf_type: args.leaf_type,
      ...(args.subtype ? { custom_schema_spec: { subtype: args.subtype } } : {}),
    });
    const stock = schema.stock_fields.slice(0, 150).map(toField);
    const custom = schema.custom_fields.slice(0, 150).map(toField);
    const subtype = schema.subtype ?? args.subtype;
    const title = `${args.leaf_type}${subtype ? ` / ${subtype}` : ""}${schema.subtype_display_name ? ` (${sanitizeLine(schema.subtype_display_name, 80)})` : ""}`;
    const text = [
      `Fields of ${title}`,
      `Custom fields (${custom.length}):`,
      ...(custom.length ? custom.map(renderField) : ["(none)"]),
      `Stock fields (${stock.length}):`,
      ...stock.map(renderField),
    ].join("\n");
    return {
      text,
      structured: {
        leaf_type: args.leaf_type,
        ...(subtype ? { subtype } : {}),
        stock_fields: stock,
        custom_fields: custom,
      },
    };
  },
});
