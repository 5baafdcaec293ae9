// schemas.subtypes.list, schemas.aggregated.get, schemas.custom.list: enough of DevRev's
// customisation model for a client to learn a work type's fields, enum values and subtypes.
import type { S } from "../api-types.js";
import { type Fields, PAGE } from "../fields.js";
import { inAny } from "../filters.js";
import { paginate } from "../pagination.js";
import type { FragmentRec } from "../records.js";
import { diagramFor } from "../stage-rules.js";
import type { Store } from "../store.js";
import { audit } from "../summaries.js";
import { defined, idList, listBody } from "./common.js";
import type { Handlers } from "./context.js";

type Field = S["schema-field-descriptor"];

const text = (name: string, display: string, required = false): Field => ({
  field_type: "text",
  name,
  is_required: required,
  ui: { display_name: display },
});
const idField = (name: string, display: string, idType: string): Field => ({
  field_type: "id",
  name,
  id_type: [idType],
  ui: { display_name: display },
});
const enumField = (name: string, display: string, values: string[]): Field => ({
  field_type: "enum",
  name,
  allowed_values: values,
  ui: { display_name: display },
});
const idListField = (name: string, display: string, idType: string): Field => ({
  field_type: "array",
  base_type: "id",
  name,
  id_type: [idType],
  ui: { display_name: display },
});
const timestamp = (name: string, display: string): Field => ({
  field_type: "timestamp",
  name,
  ui: { display_name: display },
});

const COMMON: Field[] = [
  text("title", "Title", true),
  { field_type: "rich_text", name: "body", ui: { display_name: "Description" } },
  idListField("owned_by", "Owner", "dev_user"),
  idField("applies_to_part", "Part", "part"),
  idListField("tags", "Tags", "tag"),
  timestamp("target_close_date", "Target close date"),
];

const STOCK_FIELDS: Record<string, Field[]> = {
  ticket: [
    ...COMMON,
    enumField("severity", "Severity", ["blocker", "high", "medium", "low"]),
    idField("rev_org", "Customer", "rev_org"),
    idField("group", "Group", "group"),
  ],
  issue: [
    ...COMMON,
    enumField("priority", "Priority", ["p0", "p1", "p2", "p3"]),
    idField("sprint", "Sprint", "vista_group"),
  ],
};

function fragmentField(f: FragmentRec["fields"][number]): Field {
  return { field_type: f.field_type, name: f.name, ui: { display_name: f.display_name } };
}

export function renderFragment(store: Store, f: FragmentRec): S["custom-schema-fragment"] {
  return {
    type: "custom_type_fragment",
    ...audit(store, f),
    fragment_type: "custom_type",
    leaf_type: f.leaf_type,
    subtype: f.subtype,
    subtype_display_name: f.subtype_display_name,
    fields: f.fields.map(fragmentField),
    is_custom_leaf_type: false,
    is_deprecated: false,
  };
}

export const schemasFields: Fields = {
  "schemas.subtypes.list": ["leaf_type", "leaf_types"],
  "schemas.aggregated.get": ["leaf_type", "custom_schema_spec.subtype", "custom_schema_fragments"],
  "schemas.custom.list": [...PAGE, "leaf_type", "subtype", "types"],
};

export const schemasHandlers: Handlers = {
  "schemas.subtypes.list": (ctx) => {
    const { input, store } = ctx;
    const one = input.optStr("leaf_type");
    const leafTypes = input.optStrArray("leaf_types") ?? (one ? [one] : undefined);
    return {
      subtypes: store.fragments
        .all()
        .filter((f) => inAny(leafTypes, f.leaf_type))
        .map((f) => ({
          fragment_id: f.id,
          leaf_type: f.leaf_type,
          value: f.subtype,
          display_name: f.subtype_display_name,
        })),
    };
  },
  "schemas.aggregated.get": (ctx) => {
    const { input, store } = ctx;
    const leafType = input.optStr("leaf_type") ?? "ticket";
    const subtype = input.optObj("custom_schema_spec")?.optStr("subtype");
    const fragmentIds = idList(store, input, "custom_schema_fragments");
    const fragments = store.fragments
      .all()
      .filter((f) => f.leaf_type === leafType && (f.subtype === subtype || fragmentIds?.includes(f.id)));
    const diagram = diagramFor(store, leafType);
    const first = fragments[0];
    const schema: S["aggregated-schema"] = defined({
      leaf_type: leafType,
      is_custom_leaf_type: false,
      stock_fields: STOCK_FIELDS[leafType] ?? COMMON,
      custom_fields: fragments.flatMap((f) => f.fields.map(fragmentField)),
      stock_composite_schemas: [],
      custom_composite_schemas: [],
      subtype: first?.subtype,
      subtype_display_name: first?.subtype_display_name,
      stage_diagram_id: diagram
        ? { id: diagram.id, display_id: diagram.display_id, name: diagram.name }
        : undefined,
    });
    return { schema };
  },
  "schemas.custom.list": (ctx) => {
    const { input, store } = ctx;
    const leafTypes = input.optStrArray("leaf_type");
    const subtypes = input.optStrArray("subtype");
    const types = input.optEnumArray("types", [
      "app_fragment",
      "custom_type_fragment",
      "tenant_fragment",
    ] as const);
    const rows = store.fragments
      .all()
      .filter(
        (f) =>
          inAny(leafTypes, f.leaf_type) && inAny(subtypes, f.subtype) && inAny(types, "custom_type_fragment"),
      )
      .map((f) => renderFragment(store, f));
    return listBody("result", paginate(rows, input));
  },
};
