import { createDevRevClient, unwrap } from "../devrev/client.js";
import type { Identity } from "../mcp/tool.js";

export interface ServerTokenOwnerOptions {
  baseUrl: string;
  token: string;
  userAgent: string;
  /** How long a looked-up owner is kept; a failed look-up is not kept. */
  ttlMs: number;
  timeoutMs?: number;
  now?: () => number;
}

/**
 * Who the server's own DevRev token (DEVREV_API_TOKEN) belongs to, for the modes where every
 * caller acts with it (static-token, none). "me" in a tool means that user, as it does over
 * stdio; before, static-token mode answered "me" with the literal user id `static-token`.
 * One dev-users.self call per TTL, shared by concurrent callers.
 */
export function serverTokenOwner(options: ServerTokenOwnerOptions): () => Promise<Identity | undefined> {
  const now = options.now ?? Date.now;
  const client = createDevRevClient({
    baseUrl: options.baseUrl,
    token: options.token,
    userAgent: options.userAgent,
    retry: { maxRetries: 1, timeoutMs: options.timeoutMs ?? 5_000, maxRetryAfterMs: 2_000 },
  });
  let cached: { identity: Identity; until: number } | undefined;
  let pending: Promise<Identity | undefined> | undefined;

  const lookUp = async (): Promise<Identity | undefined> => {
    try {
      const { dev_user } = await unwrap(client.api.POST("/dev-users.self", { body: {} }));
      const identity: Identity = {
        userId: dev_user.id,
        email: dev_user.email,
        displayName: dev_user.display_name ?? dev_user.full_name,
      };
      cached = { identity, until: now() + options.ttlMs };
      return identity;
    } catch {
      // Not fatal: tools resolve "me" themselves (one dev-users.self each) while DevRev is unwell.
      return undefined;
    }
  };

  return () => {
    if (cached && cached.until > now()) return Promise.resolve(cached.identity);
    pending ??= lookUp().finally(() => {
      pending = undefined;
    });
    return pending;
  };
}
