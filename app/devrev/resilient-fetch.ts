import { DevRevError, parseRetryAfter } from "./errors.js";
import { isReadOperation, operationOf } from "./operations.js";

// The transport under the typed client: a per-attempt timeout, and bounded retries with jittered
// exponential backoff. A 429 means DevRev refused the request before doing anything, so any
// operation may be resent after Retry-After. 5xx, timeouts and broken connections are retried for
// reads only: a create that timed out may have been applied, and must not be sent twice.

export interface RetryPolicy {
  maxRetries: number;
  timeoutMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited out; the caller gets the 429 with its delay. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  timeoutMs: 20_000,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
  maxRetryAfterMs: 10_000,
};

export interface RetryEvent {
  operation: string;
  attempt: number;
  reason: string;
  delayMs: number;
}

export interface ResilientFetchDeps {
  fetch?: typeof globalThis.fetch;
  random?: () => number;
  onRetry?: (event: RetryEvent) => void;
  /** Whether DevRev answered at all (any status below 500) — feeds the readiness view. */
  onOutcome?: (reachable: boolean) => void;
}

const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);
const attemptsByResponse = new WeakMap<Response, number>();

/** How many attempts produced this response (1 when it was not retried). */
export function attemptsFor(response: Response): number {
  return attemptsByResponse.get(response) ?? 1;
}

export function resilientFetch(policy: RetryPolicy, deps: ResilientFetchDeps = {}) {
  const doFetch = deps.fetch ?? globalThis.fetch;
  const random = deps.random ?? Math.random;

  const backoff = (attempt: number) =>
    Math.round(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)));

  return async function fetchWithRetries(request: Request): Promise<Response> {
    const operation = operationOf(request.url);
    const read = isReadOperation(operation);
    // Read once: a Request body can be consumed only once, and each attempt needs it.
    const body = request.body ? await request.text() : undefined;
    const callerSignal = request.signal;

    for (let attempt = 1; ; attempt++) {
      const timeout = AbortSignal.timeout(policy.timeoutMs);
      const signal = AbortSignal.any([callerSignal, timeout]);
      const canRetry = attempt <= policy.maxRetries;
      let response: Response;
      try {
        response = await doFetch(
          new Request(request.url, { method: request.method, headers: request.headers, body, signal }),
        );
      } catch (err) {
        if (callerSignal.aborted) throw err;
        deps.onOutcome?.(false);
        const timedOut = timeout.aborted;
        if (read && canRetry) {
          const delayMs = backoff(attempt);
          deps.onRetry?.({ operation, attempt, reason: timedOut ? "timeout" : "network", delayMs });
          await sleep(delayMs, callerSignal);
          continue;
        }
        throw new DevRevError(timedOut ? "timeout" : "network", {
          operation,
          message: timedOut
            ? `no answer within ${policy.timeoutMs} ms`
            : `connection failed (${describe(err)})${read ? "" : "; not retried because the request may have been applied"}`,
          attempts: attempt,
          cause: err,
        });
      }

      const status = response.status;
      deps.onOutcome?.(status < 500);
      const retryable = status === 429 || (read && RETRYABLE_STATUS.has(status));
      if (!retryable || !canRetry) {
        attemptsByResponse.set(response, attempt);
        return response;
      }
      const retryAfterMs = (parseRetryAfter(response.headers.get("retry-after")) ?? 0) * 1000;
      if (retryAfterMs > policy.maxRetryAfterMs) {
        attemptsByResponse.set(response, attempt);
        return response;
      }
      await response.body?.cancel().catch(() => {});
      const delayMs = Math.max(retryAfterMs, backoff(attempt));
      deps.onRetry?.({ operation, attempt, reason: `HTTP ${status}`, delayMs });
      await sleep(delayMs, callerSignal);
    }
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

function describe(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  if (cause && typeof cause === "object" && "code" in cause && typeof cause.code === "string")
    return cause.code;
  return cause instanceof Error ? cause.message : String(cause);
}
