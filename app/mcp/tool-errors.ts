import { DevRevError } from "../devrev/errors.js";
import { RequestBudgetExceeded } from "../devrev/request-budget.js";
import { sanitizeLine } from "../util/sanitize.js";

/** The caller's input is wrong in a way we can explain (wrong kind of id, bad combination). */
export class ToolInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ToolInputError";
  }
}

export interface MappedToolError {
  message: string;
  /** Short machine category for audit logs. */
  type: string;
}

/**
 * One boundary from any failure to the text a model sees. Only our own templates are trusted;
 * DevRev's message is quoted, sanitised and clipped, never passed through as instructions.
 */
export function mapToolError(err: unknown, tool: string): MappedToolError {
  if (err instanceof ToolInputError) return { message: err.message, type: "invalid_input" };
  // The caller asked for more than one request may cost: their input to change, named apart in audit logs.
  if (err instanceof RequestBudgetExceeded) return { message: err.message, type: "budget_exceeded" };
  if (err instanceof DevRevError) return { message: describeDevRevError(err), type: `devrev_${err.kind}` };
  return {
    message: `${tool} failed because of an internal error in the MCP server. It has been logged; try again, and report it if it persists.`,
    type: "internal",
  };
}

function describeDevRevError(err: DevRevError): string {
  const op = err.operation;
  const said = err.upstreamMessage ? ` DevRev said: "${sanitizeLine(err.upstreamMessage, 300)}".` : "";
  const tries = err.attempts > 1 ? ` after ${err.attempts} attempts` : "";
  switch (err.kind) {
    case "bad_request": {
      const field = err.fieldName ? ` Field: ${sanitizeLine(err.fieldName, 80)}.` : "";
      const type = err.type ? ` (${err.type})` : "";
      return `DevRev rejected the ${op} request${type}.${field}${said} Check the arguments against the tool's input schema and try again.`;
    }
    case "unauthenticated":
      return `DevRev refused your token for ${op} (${err.type ?? "unauthenticated"}). Create a new personal access token in DevRev (Settings → Account → Personal access tokens) and update your MCP client.`;
    case "forbidden":
      return `Your DevRev account lacks permission for ${op}.${said} Ask a DevRev admin for access, or act on an object you own.`;
    case "not_found":
      return `DevRev found no such object for ${op}.${said} Check the id (e.g. TKT-12, ISS-7 or a full don: id), or find it with a list or search tool.`;
    case "conflict":
      return `DevRev reported a conflict for ${op}.${said} The object may have changed or already exist; fetch it again and retry.`;
    case "rate_limited": {
      const wait =
        err.retryAfterSeconds !== undefined ? `${Math.ceil(err.retryAfterSeconds)} s` : "a short while";
      return `DevRev is rate limiting requests (${op}). Retry after ${wait}.`;
    }
    case "timeout":
      return `DevRev did not answer ${op} in time${tries}. Try again; if it was a create or update, check whether it was applied before retrying.`;
    case "network":
      return `DevRev could not be reached for ${op}${tries}. Try again shortly; if it was a create or update, check whether it was applied before retrying.`;
    case "server_error":
      return `DevRev failed with HTTP ${err.status ?? "5xx"} on ${op}${tries}. It is a DevRev-side problem; try again shortly.`;
    case "invalid_response":
      return `DevRev answered ${op} with an unexpected response. Try again; report it if it persists.`;
  }
}
