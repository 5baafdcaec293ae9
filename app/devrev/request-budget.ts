import pLimit, { type LimitFunction } from "p-limit";

// What one MCP request may cost DevRev and this process. Without a bound, one tools/call naming
// 20,000 parts sent 20,000 concurrent parts.get: /health stopped answering for seconds (Cloud Run's
// liveness probe restarts such an instance), the heap grew past the default instance's 512 MB and
// every other caller's requests waited behind it. Each request gets a budget of upstream calls, a
// cap on how many run at once, and a memo so the same id is resolved once however often it appears.

export interface RequestLimits {
  /** DevRev calls one MCP request may make in all. */
  maxCalls: number;
  /** DevRev calls of one MCP request in flight at once; the rest wait their turn. */
  maxConcurrent: number;
}

/**
 * Enough for every tool's own work (the widest, the weekly report and name scans, make a dozen
 * or so calls) plus resolving a few dozen display ids; far below what an attack needs to hurt.
 */
export const DEFAULT_REQUEST_LIMITS: Readonly<RequestLimits> = Object.freeze({
  maxCalls: 100,
  maxConcurrent: 8,
});

/** A request needed more DevRev calls than its budget; the message says which argument and what to do. */
export class RequestBudgetExceeded extends Error {
  constructor(
    message: string,
    /** The argument being resolved when the budget ran out, when known. */
    readonly argument: string | undefined,
  ) {
    super(message);
    this.name = "RequestBudgetExceeded";
  }
}

/** A call that was still queued when its request answered; nobody waits for it any more. */
class RequestAnswered extends Error {
  constructor() {
    super("the MCP request answered before this DevRev call was sent");
    this.name = "RequestAnswered";
  }
}

export class RequestBudget {
  private used = 0;
  private closed = false;
  private readonly limit: LimitFunction;
  private readonly memos = new Map<string, Promise<unknown>>();

  constructor(readonly limits: Readonly<RequestLimits> = DEFAULT_REQUEST_LIMITS) {
    this.limit = pLimit(limits.maxConcurrent);
  }

  /** DevRev calls started or queued so far. */
  get callsUsed(): number {
    return this.used;
  }

  /**
   * Runs one DevRev call within the budget: counted when asked for (so a burst cannot overshoot
   * while it waits), run when fewer than `maxConcurrent` are in flight. Over budget, it is refused
   * without being sent.
   */
  run<T>(call: () => Promise<T>): Promise<T> {
    if (this.used >= this.limits.maxCalls) {
      return Promise.reject(
        new RequestBudgetExceeded(
          `This request needed more than ${this.limits.maxCalls} DevRev calls, the most one request may make. ` +
            "Nothing more was sent. Narrow it (fewer values, other filters) and call again.",
          undefined,
        ),
      );
    }
    this.used++;
    return this.limit(() => (this.closed ? Promise.reject(new RequestAnswered()) : call()));
  }

  /**
   * The request has answered: calls still waiting for a slot are dropped rather than sent (a failed
   * lookup ends the request while its siblings wait in the queue).
   */
  close(): void {
    this.closed = true;
  }

  /** The answer for `key` within this request: loaded once, shared by every later ask (failures too). */
  memo<T>(key: string, load: () => Promise<T>): Promise<T> {
    let hit = this.memos.get(key) as Promise<T> | undefined;
    if (!hit) {
      hit = load();
      this.memos.set(key, hit);
    }
    return hit;
  }

  /**
   * Resolves the values of one argument, each once (through `memo`, keyed by `keyOf`). Values not
   * yet resolved each need at least one DevRev call: when they cannot fit in what is left of the
   * budget the argument is refused before anything is sent, and a budget that runs out midway is
   * reported as this argument's.
   */
  async resolveEach<V, R>(
    argument: string,
    values: readonly V[],
    keyOf: (value: V) => string,
    resolve: (value: V) => Promise<R>,
  ): Promise<R[]> {
    const pending = new Set(values.map(keyOf).filter((k) => !this.memos.has(k))).size;
    if (this.used + pending > this.limits.maxCalls) throw this.exceeded(argument, pending);
    try {
      return await Promise.all(values.map((v) => this.memo(keyOf(v), () => resolve(v))));
    } catch (err) {
      if (err instanceof RequestBudgetExceeded && err.argument === undefined)
        throw this.exceeded(argument, pending);
      throw err;
    }
  }

  private exceeded(argument: string, values: number): RequestBudgetExceeded {
    const { maxCalls } = this.limits;
    const already = this.used > 0 ? ` (${this.used} already used by this request)` : "";
    return new RequestBudgetExceeded(
      `${argument}: resolving its ${values} value${values === 1 ? "" : "s"} would need more than the ` +
        `${maxCalls} DevRev calls one request may make${already}. Give fewer values, or full don: ids ` +
        "(they need no lookup), and call again.",
      argument,
    );
  }
}
