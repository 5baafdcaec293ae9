import createClient, { type Client } from "openapi-fetch";
import { type ArtifactFiles, createArtifactFiles, defaultArtifactHosts } from "./artifacts.js";
import { DevRevError, errorFromResponse } from "./errors.js";
import type { paths } from "./generated/beta.js";
import { operationOf } from "./operations.js";
import {
  attemptsFor,
  DEFAULT_RETRY_POLICY,
  PlainRequest,
  type ResilientFetchDeps,
  type RetryPolicy,
  resilientFetch,
} from "./resilient-fetch.js";

// The beta spec contains every public path, so one client typed from it covers both; beta-only
// operations are gated by the tool layer, not here. Types vanish at build time: the bundle never
// reads the spec.

export type DevRevPaths = paths;
export type DevRevApi = Client<paths>;
export const DEVREV_API_VERSION = "2024-01-24";
/** An article body larger than this is cut (a long article is ~100 KB of HTML). */
const ARTIFACT_MAX_BYTES = 1024 * 1024;

export interface DevRevClientOptions extends ResilientFetchDeps {
  baseUrl: string;
  token: string;
  userAgent?: string;
  retry?: Partial<RetryPolicy>;
  /**
   * The clock tools compare DevRev's dates with ("overdue", "the last 7 days"). The system clock in
   * production; tests pass the sandbox's pinned clock so both sides agree on any date.
   */
  now?: () => Date;
  /** Where article bodies may be downloaded from and uploaded to (see artifacts.ts). */
  artifactHosts?: readonly string[];
}

export interface DevRevClient {
  /** Typed POST access to every DevRev operation. Pass results through `unwrap`. */
  readonly api: DevRevApi;
  /** Now, by the clock this client's dates are compared with (see DevRevClientOptions.now). */
  now(): Date;
  /** Downloads and uploads of artifact files, only to DevRev's file store and bounded. */
  readonly files: ArtifactFiles;
}

/** One client per caller token. Cheap: a closure over fetch, no connection state of its own. */
export function createDevRevClient(options: DevRevClientOptions): DevRevClient {
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const api = createClient<paths>({
    baseUrl: options.baseUrl,
    // The answer is a WireResponse, the part of a Response that openapi-fetch and unwrap() read.
    fetch: resilientFetch(policy, options) as unknown as (request: Request) => Promise<Response>,
    // openapi-fetch only constructs it and hands it to `fetch` above, which reads it field by field.
    Request: PlainRequest as unknown as typeof Request,
    headers: {
      authorization: `Bearer ${options.token}`,
      "x-devrev-version": DEVREV_API_VERSION,
      "user-agent": options.userAgent ?? "devrev-mcp-server",
    },
  });
  const now = options.now ?? (() => new Date());
  const files = createArtifactFiles({
    allowedHosts: options.artifactHosts?.length
      ? options.artifactHosts
      : defaultArtifactHosts(options.baseUrl),
    apiBaseUrl: options.baseUrl,
    maxBytes: ARTIFACT_MAX_BYTES,
    timeoutMs: options.retry?.timeoutMs ?? DEFAULT_RETRY_POLICY.timeoutMs,
  });
  return { api, now, files };
}

interface ApiResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * Turns openapi-fetch's `{data, error, response}` into the data, or a DevRevError that keeps
 * DevRev's type, message and status.
 */
export async function unwrap<T>(call: Promise<ApiResult<T>>): Promise<T> {
  let result: ApiResult<T>;
  try {
    result = await call;
  } catch (err) {
    if (err instanceof DevRevError) throw err;
    if (err instanceof SyntaxError) {
      throw new DevRevError("invalid_response", {
        operation: "unknown",
        message: "DevRev answered with a body that is not JSON",
      });
    }
    throw err;
  }
  const { response } = result;
  const operation = operationOf(response.url || "http://x/unknown");
  if (result.error !== undefined || !response.ok) {
    throw errorFromResponse(operation, response, result.error, attemptsFor(response));
  }
  if (result.data === undefined) {
    throw new DevRevError("invalid_response", {
      operation,
      status: response.status,
      message: "empty response body",
    });
  }
  return result.data;
}
