import { LRUCache } from "lru-cache";
import { createDevRevClient, unwrap } from "../devrev/client.js";
import { DevRevError } from "../devrev/errors.js";
import type { Identity } from "../mcp/tool.js";
import { tokenHash } from "../util/token-hash.js";
import { parseBearer } from "./bearer.js";
import { emailDomainAllowed } from "./domains.js";
import { missingCredentials } from "./failures.js";
import { type AllowedOrg, orgAllowed } from "./orgs.js";
import type { Authenticator, AuthFailure, ValidationGate } from "./types.js";

/**
 * The longest token sent to DevRev for validation. DevRev PATs are JWTs (header.payload.signature,
 * base64url): about 1 KB in practice. 4,096 characters leaves four times that for longer claims
 * while refusing what no PAT can be: a 16 KB "token" fits Node's header limit but makes DevRev
 * answer 431, so without this bound every such request was one wasted upstream call. Specific to
 * PAT validation; OAuth access tokens of this server are checked elsewhere with their own bound.
 */
export const MAX_PAT_CHARS = 4_096;

/** How long a token that once validated stays exempt from the failed-authentication throttle. */
const KNOWN_GOOD_TTL_MS = 24 * 60 * 60 * 1000;

export interface DevRevPatOptions {
  baseUrl: string;
  allowedDomains: readonly string[];
  allowedOrgs?: readonly AllowedOrg[];
  ttlSeconds: number;
  negativeTtlSeconds: number;
  maxEntries: number;
  userAgent: string;
  /** Upstream validation timeout: short, so a slow DevRev becomes a 503 rather than a hung client. */
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
  /** Whether DevRev answered the check at all (any verdict, 4xx included): feeds readiness. */
  onValidated?: (reachable: boolean) => void;
}

type Validation = { ok: true; identity: Identity } | { ok: false; outcome: AuthFailure };

/**
 * Each caller's PAT is checked with DevRev's dev-users.self. Identities are cached by token hash
 * with a TTL; concurrent first requests for one token share one upstream call; refused tokens are
 * remembered briefly so a flood of bad tokens does not become a flood of DevRev calls; and a check
 * of a token never seen to succeed first takes a slot from the caller's failure budget (the gate).
 */
export function createDevRevPatAuthenticator(options: DevRevPatOptions): Authenticator {
  const ttl = options.ttlSeconds * 1000;
  const identities = ttl > 0 ? new LRUCache<string, Identity>({ max: options.maxEntries, ttl }) : undefined;
  const knownGood = new LRUCache<string, true>({ max: options.maxEntries, ttl: KNOWN_GOOD_TTL_MS });
  const refused =
    options.negativeTtlSeconds > 0
      ? new LRUCache<string, AuthFailure>({
          max: options.maxEntries,
          ttl: options.negativeTtlSeconds * 1000,
        })
      : undefined;
  const inFlight = new Map<string, Promise<Validation>>();
  const allowedOrgs = options.allowedOrgs ?? [];

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
        },
      };
    } catch (err) {
      // A 4xx is DevRev answering (about this token); only no answer or a 5xx is DevRev unwell.
      options.onValidated?.(err instanceof DevRevError && err.status !== undefined && err.status < 500);
      return { ok: false, outcome: failureFor(err, hash) };
    }
  };

  const check = async (token: string, hash: string, gate: ValidationGate | undefined) => {
    const pending = inFlight.get(hash);
    // Joining a check already under way costs no upstream call, so it takes no slot either.
    if (pending) return { result: await pending, fresh: false };
    let refund: (() => void) | undefined;
    if (gate && !knownGood.has(hash)) {
      const slot = gate.reserve();
      if (!slot.ok) return { result: { ok: false as const, outcome: slot.refusal }, fresh: false };
      refund = slot.refund;
    }
    const started = validate(token, hash).finally(() => inFlight.delete(hash));
    inFlight.set(hash, started);
    const result = await started;
    // Only a verdict on the token spends the slot; a good token or DevRev being down gives it back.
    if (result.ok || result.outcome.status !== 401) refund?.();
    return { result, fresh: true };
  };

  return {
    mode: "devrev-pat",
    async authenticate(header, gate) {
      const bearer = parseBearer(header);
      if (bearer.kind !== "token") return missingCredentials(bearer);
      if (bearer.token.length > MAX_PAT_CHARS) return tooLong(bearer.token.length);
      const hash = tokenHash(bearer.token);

      let identity = identities?.get(hash);
      let fresh = false;
      if (!identity) {
        const remembered = refused?.get(hash);
        if (remembered) return remembered;
        const { result, fresh: started } = await check(bearer.token, hash, gate);
        if (!result.ok) {
          if (started && result.outcome.status === 401) {
            refused?.set(hash, result.outcome);
            knownGood.delete(hash);
          }
          return result.outcome;
        }
        identity = result.identity;
        fresh = started;
        if (started) {
          identities?.set(hash, identity);
          knownGood.set(hash, true);
        }
      }
      const policy = refusedByPolicy(identity, options.allowedDomains, allowedOrgs);
      if (policy) return { ...policy, tokenHash: hash, identity };
      return { ok: true, identity, devrevToken: bearer.token, tokenHash: hash, fresh };
    },
    invalidate(hash) {
      identities?.delete(hash);
    },
  };
}

function refusedByPolicy(
  identity: Identity,
  domains: readonly string[],
  orgs: readonly AllowedOrg[],
): AuthFailure | undefined {
  if (!orgAllowed(identity.userId, orgs)) {
    return {
      ok: false,
      status: 403,
      reason: "org_not_allowed",
      error: "insufficient_scope",
      message: `Your DevRev account (${identity.userId}) belongs to a DevRev organisation this server does not allow. Ask the server operator to add your organisation to MCP_AUTH_ALLOWED_ORGS.`,
    };
  }
  if (!emailDomainAllowed(identity.email, domains)) {
    return {
      ok: false,
      status: 403,
      reason: "domain_not_allowed",
      error: "insufficient_scope",
      message: `Your DevRev account (${identity.email ?? "no e-mail"}) is not in a domain this server allows. Ask the server operator to add your domain to MCP_AUTH_ALLOWED_DOMAINS.`,
    };
  }
  return undefined;
}

function tooLong(length: number): AuthFailure {
  return {
    ok: false,
    status: 401,
    reason: "token_too_long",
    error: "invalid_token",
    message: `The bearer token is ${length} characters long; a DevRev personal access token is at most ${MAX_PAT_CHARS}. Send your DevRev PAT as \`Authorization: Bearer <PAT>\`.`,
  };
}

function failureFor(err: unknown, hash: string): AuthFailure {
  const status = err instanceof DevRevError ? err.status : undefined;
  if (err instanceof DevRevError && (status === 401 || status === 403)) {
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
  if (status !== undefined && status >= 400 && status < 500 && status !== 429) {
    // DevRev refused the request that carried the token (431 for an oversize header, 400 for a
    // malformed one): a verdict on what the caller sent, not DevRev being unavailable.
    return {
      ok: false,
      status: 401,
      reason: "invalid_token",
      error: "invalid_token",
      message: `DevRev refused a request carrying this token (HTTP ${status}). Send your DevRev personal access token as \`Authorization: Bearer <PAT>\`.`,
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
