import { z } from "zod";

// Environment variables arrive as strings; these helpers turn them into typed values with
// error messages that say which form is accepted.

const TRUE = new Set(["1", "true", "yes", "on"]);
const FALSE = new Set(["0", "false", "no", "off"]);

export function boolFlag(defaultValue: boolean) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === "") return defaultValue;
      const v = raw.trim().toLowerCase();
      if (TRUE.has(v)) return true;
      if (FALSE.has(v)) return false;
      ctx.addIssue({ code: "custom", message: `"${raw}" is not a boolean; use true or false` });
      return z.NEVER;
    });
}

export function intInRange(defaultValue: number, min: number, max: number) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === "") return defaultValue;
      const n = Number(raw.trim());
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `"${raw}" is not an integer from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });
}

/** A list given as `a,b,c` or as a JSON array (`["a","b"]`), as users of the Python server write it. */
export function stringList(normalise: (item: string) => string = (s) => s) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === "") return [] as string[];
      const text = raw.trim();
      let items: unknown[];
      if (text.startsWith("[")) {
        try {
          items = JSON.parse(text);
        } catch {
          ctx.addIssue({ code: "custom", message: "starts with [ but is not a JSON array of strings" });
          return z.NEVER;
        }
        if (!Array.isArray(items) || !items.every((i) => typeof i === "string")) {
          ctx.addIssue({
            code: "custom",
            message: "must be a JSON array of strings or a comma-separated list",
          });
          return z.NEVER;
        }
      } else {
        items = text.split(",");
      }
      return [...new Set((items as string[]).map((s) => normalise(s.trim())).filter((s) => s.length > 0))];
    });
}

export function httpUrl() {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const text = (raw ?? "").trim();
      if (text === "") return undefined;
      let url: URL;
      try {
        url = new URL(text);
      } catch {
        ctx.addIssue({ code: "custom", message: `"${raw}" is not a URL; use e.g. https://api.devrev.ai` });
        return z.NEVER;
      }
      if (url.protocol !== "http:" && url.protocol !== "https:") {
        ctx.addIssue({ code: "custom", message: `"${raw}" must be an http(s) URL` });
        return z.NEVER;
      }
      return text.replace(/\/+$/, "");
    });
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T, defaultValue: T[number]) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T[number] => {
      if (raw === undefined || raw.trim() === "") return defaultValue;
      const v = raw.trim().toLowerCase();
      if ((values as readonly string[]).includes(v)) return v as T[number];
      ctx.addIssue({ code: "custom", message: `"${raw}" is not one of ${values.join(" | ")}` });
      return z.NEVER;
    });
}

export function optionalSecret() {
  return z
    .string()
    .optional()
    .transform((raw) => (raw === undefined || raw.trim() === "" ? undefined : raw.trim()));
}
