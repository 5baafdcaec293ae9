// Typed failures of a DevRev call. They keep DevRev's own `type`, `message` and HTTP status, so
// the tool layer can say what failed and what to do.

export type DevRevErrorKind =
  | "bad_request"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "server_error"
  | "timeout"
  | "network"
  | "invalid_response";

export interface DevRevErrorInit {
  operation: string;
  status?: number;
  type?: string;
  message?: string;
  fieldName?: string;
  retryAfterSeconds?: number;
  attempts?: number;
  cause?: unknown;
}

export class DevRevError extends Error {
  readonly kind: DevRevErrorKind;
  readonly operation: string;
  readonly status: number | undefined;
  /** DevRev's error `type`, e.g. `invalid_field`, `token_revoked`. */
  readonly type: string | undefined;
  readonly upstreamMessage: string | undefined;
  readonly fieldName: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly attempts: number;

  constructor(kind: DevRevErrorKind, init: DevRevErrorInit) {
    const what = init.status ? `HTTP ${init.status}${init.type ? ` ${init.type}` : ""}` : kind;
    super(`DevRev ${init.operation} failed: ${what}${init.message ? `: ${init.message}` : ""}`, {
      cause: init.cause,
    });
    this.name = "DevRevError";
    this.kind = kind;
    this.operation = init.operation;
    this.status = init.status;
    this.type = init.type;
    this.upstreamMessage = init.message;
    this.fieldName = init.fieldName;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.attempts = init.attempts ?? 1;
  }

  /** True when the caller's token itself was refused (expired, revoked, unknown). */
  get isAuthFailure(): boolean {
    return this.kind === "unauthenticated";
  }
}

export function kindForStatus(status: number): DevRevErrorKind {
  if (status === 400 || status === 413 || status === 422) return "bad_request";
  if (status === 401) return "unauthenticated";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 409) return "conflict";
  if (status === 429) return "rate_limited";
  return status >= 500 ? "server_error" : "bad_request";
}

/** Builds a DevRevError from a non-2xx response body (DevRev's `{type, message, detail, field_name}`). */
export function errorFromResponse(
  operation: string,
  response: Pick<Response, "status" | "headers">,
  body: unknown,
  attempts = 1,
): DevRevError {
  const b = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" && v.length > 0 ? v : undefined);
  const retryAfter = parseRetryAfter(response.headers.get("retry-after")) ?? numberOrUndefined(b.retry_after);
  return new DevRevError(kindForStatus(response.status), {
    operation,
    status: response.status,
    type: str(b.type),
    message: str(b.message) ?? str(b.detail),
    fieldName: str(b.field_name),
    retryAfterSeconds: retryAfter,
    attempts,
  });
}

/** Retry-After in seconds, from either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

function numberOrUndefined(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : undefined;
}
