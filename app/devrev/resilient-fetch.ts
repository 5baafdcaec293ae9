import { DevRevError, parseRetryAfter } from "./errors.js";
import { nodeTransport, type Transport, type WireResponse } from "./node-transport.js";
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
  /** The wire; node:http(s) by default. The platform `fetch` fits too. */
  fetch?: Transport;
  random?: () => number;
  onRetry?: (event: RetryEvent) => void;
  /** Whether DevRev answered at all (any status below 500) — feeds the readiness view. */
  onOutcome?: (reachable: boolean) => void;
  /**
   * The whole request's signal (its deadline, or the caller going away): every call and retry of
   * this client stops with it, whether or not the tool passed a signal of its own.
   */
  signal?: AbortSignal;
}

const NEVER_ABORTED = new AbortController().signal;

/**
 * What the typed client builds for each call, handed to `resilientFetch`. A platform Request wraps
 * its body in a stream that has to be read back before every attempt and costs an AbortSignal of
 * its own; DevRev takes JSON text only, so this keeps the text as it is. (Measured: about half of
 * the client's CPU per call went into building and draining those Requests.)
 */
export class PlainRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly bodyText: string | undefined;
  // Assigned here so openapi-fetch sees the property and does not copy `init.signal` over it.
  readonly signal: AbortSignal;

  constructor(input: string | URL, init: RequestInit = {}) {
    if (init.body != null && typeof init.body !== "string") {
      throw new TypeError("the DevRev client sends JSON text bodies only");
    }
    this.url = String(input);
    this.method = (init.method ?? "GET").toUpperCase();
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.bodyText = init.body ?? undefined;
    this.signal = init.signal ?? NEVER_ABORTED;
  }
}

const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);
const attemptsByResponse = new WeakMap<object, number>();

/** How many attempts produced this response (1 when it was not retried). */
export function attemptsFor(response: object): number {
  return attemptsByResponse.get(response) ?? 1;
}

export function resilientFetch(policy: RetryPolicy, deps: ResilientFetchDeps = {}) {
  const doFetch = deps.fetch ?? nodeTransport;
  const random = deps.random ?? Math.random;

  const backoff = (attempt: number) =>
    Math.round(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)));

  /** An abort of the whole request (its deadline, the caller leaving) as a typed DevRev failure. */
  const stopped = async (request: Request | PlainRequest): Promise<WireResponse> => {
    try {
      return await fetchWithRetries(request);
    } catch (err) {
      if (!deps.signal?.aborted || err instanceof DevRevError) throw err;
      const reason = deps.signal.reason;
      throw new DevRevError("timeout", {
        operation: operationOf(request.url),
        message: `stopped: ${reason instanceof Error ? reason.message : "the request was cancelled"}`,
        cause: err,
      });
    }
  };

  async function fetchWithRetries(request: Request | PlainRequest): Promise<WireResponse> {
    const operation = operationOf(request.url);
    const read = isReadOperation(operation);
    // Read once: a Request body can be consumed only once, and each attempt needs it.
    const body =
      request instanceof PlainRequest ? request.bodyText : request.body ? await request.text() : undefined;
    const callerSignal = !deps.signal
      ? request.signal
      : request.signal === NEVER_ABORTED || request.signal === deps.signal
        ? deps.signal
        : AbortSignal.any([request.signal, deps.signal]);

    for (let attempt = 1; ; attempt++) {
      const canRetry = attempt <= policy.maxRetries;
      const attemptSignal = attemptAbort(callerSignal, policy.timeoutMs);
      let response: WireResponse;
      try {
        response = await doFetch(request.url, {
          method: request.method,
          headers: request.headers,
          body,
          signal: attemptSignal.signal,
        });
      } catch (err) {
        attemptSignal.release();
        if (callerSignal.aborted) throw err;
        deps.onOutcome?.(false);
        const timedOut = attemptSignal.timedOut();
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
      } finally {
        attemptSignal.release();
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
  }
  return deps.signal ? stopped : fetchWithRetries;
}

/**
 * One attempt's signal: aborted by the caller or after `ms`. Released as soon as the attempt ends
 * (the transport resolves only once the whole body has arrived), so nothing of the attempt stays
 * reachable from a timer. (AbortSignal.timeout + AbortSignal.any kept two signals and a timer per
 * attempt alive for the full timeout, which under load showed as steady old-space growth.)
 */
function attemptAbort(caller: AbortSignal, ms: number) {
  const controller = new AbortController();
  let timedOut = false;
  const onCallerAbort = () => controller.abort(caller.reason);
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`no answer within ${ms} ms`, "TimeoutError"));
  }, ms);
  if (caller.aborted) onCallerAbort();
  else caller.addEventListener("abort", onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    release() {
      clearTimeout(timer);
      caller.removeEventListener("abort", onCallerAbort);
    },
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
