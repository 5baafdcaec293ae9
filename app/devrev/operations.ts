// Which DevRev operations only read. Only reads are retried after a 5xx, a timeout or a broken
// connection; a write that may have been applied is never sent twice. The catalogue's tests also use
// this to prove a read-only tool calls nothing else.

const READ_SUFFIXES = [".list", ".get", ".self", ".count", ".export", ".fetch", ".locate", ".history"];
const READ_OPERATIONS = new Set([
  "search.core",
  "search.hybrid",
  "recommendations.get-reply",
  "recommendations.chat.completions",
  "org-schedules.evaluate",
  "auth-tokens.info",
  "ping",
]);

/** `op` is the path without its leading slash, e.g. `works.list`. */
export function isReadOperation(op: string): boolean {
  return READ_OPERATIONS.has(op) || READ_SUFFIXES.some((s) => op.endsWith(s));
}

export function operationOf(url: string): string {
  const path = new URL(url).pathname;
  return path.slice(path.lastIndexOf("/") + 1);
}
