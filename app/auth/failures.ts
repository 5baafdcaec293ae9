import type { BearerParse } from "./bearer.js";
import type { AuthOutcome } from "./types.js";

/** The 401 for a request that presented no usable bearer token. */
export function missingCredentials(
  bearer: Exclude<BearerParse, { kind: "token" }>,
): AuthOutcome & { ok: false } {
  switch (bearer.kind) {
    case "missing":
      return {
        ok: false,
        status: 401,
        reason: "missing_token",
        message: "Authentication required: send `Authorization: Bearer <your DevRev personal access token>`.",
      };
    case "wrong_scheme":
      return {
        ok: false,
        status: 401,
        reason: "wrong_scheme",
        message: `Unsupported authorization scheme "${bearer.scheme}": use \`Authorization: Bearer <token>\`.`,
      };
    case "empty":
      return {
        ok: false,
        status: 401,
        reason: "empty_token",
        message: "The bearer token is empty: send `Authorization: Bearer <token>`.",
      };
  }
}
