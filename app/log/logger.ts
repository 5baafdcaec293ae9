import type { LogLevel } from "../config/config.js";

// Structured logs in the shape Cloud Logging parses from a container's output: `severity`,
// `message`, `time`, the trace keys and `httpRequest`. Always stderr, so stdio's stdout stays
// protocol-only.

export type Severity = "DEBUG" | "INFO" | "NOTICE" | "WARNING" | "ERROR" | "CRITICAL";
export type LogFields = Record<string, unknown>;

const RANK: Record<Severity, number> = { DEBUG: 0, INFO: 1, NOTICE: 2, WARNING: 3, ERROR: 4, CRITICAL: 5 };
const MIN_RANK: Record<LogLevel, number> = { debug: 0, info: 1, warning: 3, error: 4 };

/** Keys whose values are secrets whatever they hold; logged as "[redacted]". */
const SECRET_KEYS = /^(authorization|token|pat|password|secret|api_?key|cookie)$/i;
/** A bearer credential inside free text (an error message, an upstream URL). */
const BEARER_IN_TEXT = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/gi;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  notice(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
  enabled(severity: Severity): boolean;
}

export interface LoggerOptions {
  level: LogLevel;
  format: "json" | "text";
  write?: (line: string) => void;
  base?: LogFields;
}

export function createLogger(options: LoggerOptions): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const min = MIN_RANK[options.level];
  const render = options.format === "json" ? renderJson : renderText;

  const make = (base: LogFields): Logger => {
    const emit = (severity: Severity, message: string, fields?: LogFields) => {
      if (RANK[severity] < min) return;
      write(render(severity, scrub(message), redact({ ...base, ...fields })));
    };
    return {
      debug: (m, f) => emit("DEBUG", m, f),
      info: (m, f) => emit("INFO", m, f),
      notice: (m, f) => emit("NOTICE", m, f),
      warn: (m, f) => emit("WARNING", m, f),
      error: (m, f) => emit("ERROR", m, f),
      child: (fields) => make({ ...base, ...fields }),
      enabled: (severity) => RANK[severity] >= min,
    };
  };
  return make(options.base ?? {});
}

/** A logger that drops everything; for tests and library use. */
export const silentLogger: Logger = createLogger({ level: "error", format: "json", write: () => {} });

function renderJson(severity: Severity, message: string, fields: LogFields): string {
  return `${JSON.stringify({ severity, message, time: new Date().toISOString(), ...fields })}\n`;
}

function renderText(severity: Severity, message: string, fields: LogFields): string {
  const extras = Object.entries(fields)
    .filter(([k]) => !k.startsWith("logging.googleapis.com"))
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" ");
  return `${new Date().toISOString()} ${severity.padEnd(7)} ${message}${extras ? ` ${extras}` : ""}\n`;
}

export function scrub(text: string): string {
  return text.replace(BEARER_IN_TEXT, "$1 [redacted]");
}

function redact(value: LogFields, depth = 0): LogFields {
  const out: LogFields = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    if (SECRET_KEYS.test(key)) out[key] = "[redacted]";
    else if (typeof v === "string") out[key] = scrub(v);
    else if (v instanceof Error) out[key] = { name: v.name, message: scrub(v.message) };
    else if (v && typeof v === "object" && !Array.isArray(v) && depth < 4)
      out[key] = redact(v as LogFields, depth + 1);
    else out[key] = v;
  }
  return out;
}
