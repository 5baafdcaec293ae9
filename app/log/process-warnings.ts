import type { Logger } from "./logger.js";

/**
 * Node prints process warnings (MaxListenersExceededWarning, deprecations, experimental features)
 * as plain text on stderr, which breaks a JSON log stream line by line: Cloud Logging turns each
 * into an unparsed ERROR entry. This replaces Node's printer with one WARNING record per warning.
 * Returns a function that puts Node's own printer back (for tests).
 */
export function routeProcessWarnings(logger: Logger, proc: NodeJS.Process = process): () => void {
  const previous = proc.listeners("warning");
  proc.removeAllListeners("warning");
  const onWarning = (warning: Error & { code?: string; detail?: string }) => {
    logger.warn(warning.message, {
      warning: warning.name,
      ...(warning.code ? { code: warning.code } : {}),
      ...(warning.detail ? { detail: warning.detail } : {}),
      stack: warning.stack,
    });
  };
  proc.on("warning", onWarning);
  return () => {
    proc.off("warning", onWarning);
    for (const l of previous) proc.on("warning", l as (w: Error) => void);
  };
}
