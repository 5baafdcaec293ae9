import type { Request } from "express";
import type { Authenticator } from "../auth/types.js";
import type { FailedAuthLimiter } from "../http/rate-limit.js";
import { requestState } from "../http/request-state.js";
import type { Auditor, OAuthAuditEvent } from "../log/audit.js";
import type { Logger } from "../log/logger.js";
import { tokenHash } from "../util/token-hash.js";
import type { ClientMetadataFetchOptions } from "./client-metadata.js";
import { createClientMetadataResolver, DEFAULT_FETCH_OPTIONS } from "./client-metadata.js";
import { type ClientResolver, createClientResolver } from "./clients.js";
import { SpentIds } from "./grants.js";
import type { KeyRing } from "./keys.js";

/** The resource path of the OAuth door (agreed across the project; /mcp stays Bearer-PAT only). */
export const OAUTH_RESOURCE_PATH = "/oauth/mcp";

export interface OAuthOptions {
  keys: KeyRing;
  /** The server's public base URL (MCP_PUBLIC_URL, or the loopback address it listens on). */
  publicUrl: () => URL;
  /** The devrev-pat authenticator: its cache, allow-lists and refusals apply to OAuth too. */
  auth: Authenticator;
  auditor: Auditor;
  logger: Logger;
  /** Whether the server's surface has any write tools (MCP_READ_ONLY off). */
  writeAllowed: boolean;
  destructiveAllowed: boolean;
  /** Milliseconds since the epoch; tests pin it. */
  now?: () => number;
  /** Only code (tests) can loosen how client metadata documents are fetched. */
  clientMetadataFetch?: Partial<ClientMetadataFetchOptions>;
  /** Counts a failed attempt against the caller's address (the failed-auth limiter). */
  recordFailure?: (req: Request) => void;
  /** The failed-auth limiter itself: the door's PAT check asks it before checking an unknown PAT. */
  failures?: FailedAuthLimiter;
}

export interface OAuthContext extends Omit<OAuthOptions, "now" | "clientMetadataFetch"> {
  nowSeconds(): number;
  resolveClient: ClientResolver;
  issuer(): string;
  resourceUrl(): URL;
  isOurResource(value: string): boolean;
  spent: SpentIds;
  tokenHash(token: string): string;
  audit(req: Request, event: Omit<OAuthAuditEvent, "client_ip" | "user_agent">): void;
}

export function oauthContext(o: OAuthOptions): OAuthContext {
  const now = o.now ?? Date.now;
  const fetchMetadata = createClientMetadataResolver({ ...DEFAULT_FETCH_OPTIONS, ...o.clientMetadataFetch });
  const resourceUrl = () => new URL(OAUTH_RESOURCE_PATH, o.publicUrl());
  return {
    ...o,
    nowSeconds: () => Math.floor(now() / 1000),
    resolveClient: createClientResolver(o.keys, fetchMetadata),
    // The issuer is the bare origin (no trailing slash), as RFC 8414 clients compare it.
    issuer: () => o.publicUrl().origin,
    resourceUrl,
    isOurResource: (value) => sameResource(value, resourceUrl()),
    spent: new SpentIds(),
    tokenHash,
    audit(req, event) {
      o.auditor.record(
        {
          ...event,
          client_ip: req.ip,
          user_agent: req.headers["user-agent"]?.slice(0, 200),
        } as OAuthAuditEvent,
        requestState(req).logger,
      );
    },
  };
}

/** RFC 8707 resources compare as URLs without fragment and without one trailing slash. */
function sameResource(value: string, ours: URL): boolean {
  try {
    const strip = (u: URL) => `${u.origin}${u.pathname.replace(/\/$/, "")}${u.search}`;
    return strip(new URL(value)) === strip(ours);
  } catch {
    return false;
  }
}
