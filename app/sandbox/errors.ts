// DevRev's error bodies: `{type, message}` plus the fields some 400 types carry.

export interface ErrorBody {
  type: string;
  message?: string;
  [field: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message ?? body.type);
  }
}

export const badRequest = (message: string) => new ApiError(400, { type: "bad_request", message });

export const parseError = (message: string) => new ApiError(400, { type: "parse_error", message });

export const invalidField = (field: string, message: string) =>
  new ApiError(400, { type: "invalid_field", field_name: field, message });

export const missingField = (field: string) =>
  new ApiError(400, { type: "missing_required_field", field_name: field, message: `${field} is required` });

export const invalidEnum = (field: string, value: string, allowed: readonly string[]) =>
  new ApiError(400, {
    type: "invalid_enum_value",
    field_name: field,
    value,
    allowed_values: [...allowed],
    message: `invalid value '${value}' for ${field}`,
  });

export const notFound = (message: string) => new ApiError(404, { type: "not_found", message });

export const conflict = (message: string) => new ApiError(409, { type: "conflict", message });

export const unauthenticated = (message: string) => new ApiError(401, { type: "unauthenticated", message });

export const tokenRevoked = () =>
  new ApiError(401, { type: "token_revoked", message: "token has been revoked" });

export const tooManyRequests = (retryAfter: number) =>
  new ApiError(
    429,
    { type: "too_many_requests", message: "rate limit exceeded", retry_after: retryAfter },
    { "Retry-After": String(retryAfter) },
  );

export const internalError = (referenceId: string) =>
  new ApiError(500, { type: "internal_error", message: "internal error", reference_id: referenceId });

export const serviceUnavailable = () =>
  new ApiError(503, { type: "service_unavailable", message: "service temporarily unavailable" });

export const entityTooLarge = () =>
  new ApiError(413, { type: "request_entity_too_large", message: "request body too large" });
