import { LRUCache } from "lru-cache";
import { createDevRevClient, unwrap } from "../devrev/client.js";
import { DevRevError } from "../devrev/errors.js";
import type { Identity } from "../mcp/tool.js";
import { tokenHash } from "../util/token-hash.js";
import { parseBearer } from "./bearer.js";
import { emailDomainAllowed } from "./domains.js";
import { missingCredentials } from "./failures.js";
import type { Authenticator, AuthOutcome } from "./types.js";

export interface DevRevPatOptions {
  baseUrl: string;
  allowedDomains: readonly string[];
  ttlSeconds: number;
  negativeTtlSeconds: number;
  maxEntries: number;
  userAgent: string;
  /** Upstream validation timeout: short, so a slow DevRev becomes a 503 rather than a hung client. */
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
  onValidated?: (ok: boolean) => void;
}

type Validation = { ok: true; identity: Identity } | { ok: false; outcome: AuthOutcome & { ok: false } };

/**
 * Each caller's PAT is checked with DevRev's dev-users.self. Identities are cached by token hash
 * with a TTL; concurrent first requests for one token share one upstream call; refused tokens are
 * remembered briefly so a flood of bad tokens does not become a flood of DevRev calls.
 */
export function createDevRevPatAuthenticator(options: DevRevPatOptions): Authenticator {
  const ttl = options.ttlSeconds * 1000;
  const identities = ttl > 0 ? new LRUCache<string, Identity>({ max: options.maxEntries, ttl }) : undefined;
  const refused =
    options.negativeTtlSeconds > 0
      ? new LRUCache<string, AuthOutcome & { ok: false }>({
          max: options.maxEntries,
          ttl: options.negativeTtlSeconds * 1000,
        })
      : undefined;
  const inFlight = new Map<string, Promise<Validation>>();

  const validate = async (token: string, hash: string): Promise<Validation> => {
    const client = createDevRevClient({
      baseUrl: options.baseUrl,
      token,
      userAgent: options.userAgent,
      retry: { maxRetries: 1, timeoutMs: options.timeoutMs ?? 5_000, maxRetryAfterMs: 2_000 },
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    try {
      const { dev_user } = await unwrap(client.api.POST("/dev-users.self", { body: {} }));
      options.onValidated?.(true);
      return {
        ok: true,
        identity: {
          userId: dev_user.id,
          email: dev_user.email,
          displayName: dev_user.display_name ?? dev_user.full_name,
          tokenHash: hash,
        },
      };
    } catch (err) {
      const outcome = failureFor(err, hash);
      options.onValidated?.(outcome.status !== 503);
      return { ok: false, outcome };
    }
  };

  return {
    mode: "devrev-pat",
    async authenticate(header) {
      const bearer = parseBearer(header);
      if (bearer.kind !== "token") return missingCredentials(bearer);
      const hash = tokenHash(bearer.token);

      let identity = identities?.get(hash);
      let fresh = false;
      if (!identity) {
        const remembered = refused?.get(hash);
        if (remembered) return remembered;
        let pending = inFlight.get(hash);
        if (!pending) {
          pending = validate(bearer.token, hash).finally(() => inFlight.delete(hash));
          inFlight.set(hash, pending);
          fresh = true;
        }
        const result = await pending;
        if (!result.ok) {
          // Only a verdict on the token is remembered; DevRev being down is not the caller's fault.
          if (fresh && result.outcome.status === 401) refused?.set(hash, result.outcome);
          return result.outcome;
        }
        identity = result.identity;
        if (fresh) identities?.set(hash, identity);
      }
      if (!emailDomainAllowed(identity.email, options.allowedDomains)) {
        return {
          ok: false,
          status: 403,
          reason: "domain_not_allowed",
          error: "insufficient_scope",
          message: `Your DevRev account (${identity.email ?? "no e-mail"}) is not in a domain this server allows. Ask the server operator to add your domain to MCP_AUTH_ALLOWED_DOMAINS.`,
          tokenHash: hash,
          identity,
        };
      }
      return { ok: true, identity, devrevToken: bearer.token, fresh };
    },
    invalidate(hash) {
      identities?.delete(hash);
    },
  };
}

function failureFor(err: unknown, hash: string): AuthOutcome & { ok: false } {
  if (err instanceof DevRevError && (err.status === 401 || err.status === 403)) {
    const revoked = err.type === "token_revoked" || err.type === "token_expired";
    return {
      ok: false,
      status: 401,
      reason: revoked ? "token_revoked" : "invalid_token",
      error: "invalid_token",
      message: revoked
        ? "Your DevRev personal access token has expired or was revoked. Create a new one in DevRev and update your MCP client."
        : "DevRev did not accept this token. Send your DevRev personal access token as `Authorization: Bearer <PAT>`.",
      tokenHash: hash,
    };
  }
  const retryAfter =
    err instanceof DevRevError && err.retryAfterSeconds ? Math.ceil(err.retryAfterSeconds) : 5;
  return {
    ok: false,
    status: 503,
    reason: "upstream_unavailable",
    message: `DevRev could not be reached to check your token; this is not a problem with your token. Retry in ${retryAfter} s.`,
    retryAfterSeconds: retryAfter,
    tokenHash: hash,
  };
}
