// Typed reads of a request body that fail the way DevRev does: missing_required_field,
// invalid_field (wrong JSON type) and invalid_enum_value, each naming the dotted field.
import { invalidEnum, invalidField, missingField } from "./errors.js";

export type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

export class Input {
  constructor(
    readonly raw: JsonObject,
    private readonly prefix = "",
  ) {}

  private path(name: string): string {
    return this.prefix + name;
  }

  has(name: string): boolean {
    return this.raw[name] !== undefined && this.raw[name] !== null;
  }

  optStr(name: string): string | undefined {
    const v = this.raw[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "string") throw invalidField(this.path(name), `${this.path(name)} must be a string`);
    return v;
  }

  str(name: string): string {
    const v = this.optStr(name);
    if (v === undefined || v === "") throw missingField(this.path(name));
    return v;
  }

  optBool(name: string): boolean | undefined {
    const v = this.raw[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "boolean") throw invalidField(this.path(name), `${this.path(name)} must be a boolean`);
    return v;
  }

  optInt(name: string): number | undefined {
    const v = this.raw[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "number" || !Number.isInteger(v)) {
      throw invalidField(this.path(name), `${this.path(name)} must be an integer`);
    }
    return v;
  }

  optStrArray(name: string): string[] | undefined {
    const v = this.raw[name];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) {
      throw invalidField(this.path(name), `${this.path(name)} must be an array of strings`);
    }
    return v as string[];
  }

  strArray(name: string): string[] {
    const v = this.optStrArray(name);
    if (v === undefined) throw missingField(this.path(name));
    return v;
  }

  optIntArray(name: string): number[] | undefined {
    const v = this.raw[name];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || v.some((x) => typeof x !== "number" || !Number.isInteger(x))) {
      throw invalidField(this.path(name), `${this.path(name)} must be an array of integers`);
    }
    return v as number[];
  }

  optEnum<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const v = this.optStr(name);
    if (v === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(v)) throw invalidEnum(this.path(name), v, allowed);
    return v as T;
  }

  enumOf<T extends string>(name: string, allowed: readonly T[]): T {
    const v = this.optEnum(name, allowed);
    if (v === undefined) throw missingField(this.path(name));
    return v;
  }

  optEnumArray<T extends string>(name: string, allowed: readonly T[]): T[] | undefined {
    const v = this.optStrArray(name);
    if (v === undefined) return undefined;
    for (const x of v) {
      if (!(allowed as readonly string[]).includes(x)) throw invalidEnum(this.path(name), x, allowed);
    }
    return v as T[];
  }

  /** A nested object, read with dotted field names in errors (e.g. `stage.name`). */
  optObj(name: string): Input | undefined {
    const v = this.raw[name];
    if (v === undefined || v === null) return undefined;
    if (!isObject(v)) throw invalidField(this.path(name), `${this.path(name)} must be an object`);
    return new Input(v, `${this.path(name)}.`);
  }

  /** An array of objects, each read as an Input. */
  optObjArray(name: string): Input[] | undefined {
    const v = this.raw[name];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || !v.every(isObject)) {
      throw invalidField(this.path(name), `${this.path(name)} must be an array of objects`);
    }
    return v.map((x, i) => new Input(x, `${this.path(name)}[${i}].`));
  }

  /** A free-form object such as `custom_fields`. */
  optRecord(name: string): JsonObject | undefined {
    const v = this.raw[name];
    if (v === undefined || v === null) return undefined;
    if (!isObject(v)) throw invalidField(this.path(name), `${this.path(name)} must be an object`);
    return v;
  }
}
