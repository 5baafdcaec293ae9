// How many failed token checks a client address (and the whole instance) may cause per window.
// Counting is synchronous and happens BEFORE the upstream check: a slot is reserved when a check of
// an unknown token starts and refunded when the token turns out valid (or DevRev was unreachable),
// so 300 concurrent bad tokens cannot all slip past a count that is only taken once they failed.

export interface FailureBudgetOptions {
  /** Failed checks allowed per address per window. */
  perAddress: number;
  /**
   * Failed checks allowed per instance per window, whatever addresses they claim: the ceiling that
   * holds even when a forged X-Forwarded-For (a proxy hop trusted that is not there) picks a new
   * address for every request.
   */
  perInstance: number;
  windowMs: number;
  /** Addresses tracked at once; the oldest window is dropped first. Bounds memory under rotation. */
  maxAddresses?: number;
  now?: () => number;
}

export type Reservation =
  | { ok: true; refund(): void }
  | { ok: false; retryAfterSeconds: number; scope: "address" | "instance" };

interface Window {
  count: number;
  resetAt: number;
}

const INSTANCE_KEY = "\u0000instance";

export class FailureBudget {
  private readonly windows = new Map<string, Window>();
  private readonly now: () => number;
  private readonly maxAddresses: number;

  constructor(private readonly options: FailureBudgetOptions) {
    this.now = options.now ?? Date.now;
    this.maxAddresses = options.maxAddresses ?? 50_000;
  }

  /** Whether the address (or the instance) has no failures left in this window. */
  exhausted(address: string): Reservation | undefined {
    const now = this.now();
    const own = this.current(address, now);
    if (own.count >= this.options.perAddress) return this.refusal(own, now, "address");
    const all = this.current(INSTANCE_KEY, now);
    if (all.count >= this.options.perInstance) return this.refusal(all, now, "instance");
    return undefined;
  }

  /** Takes one failure slot for the address and the instance, or says why not. */
  reserve(address: string): Reservation {
    const refused = this.exhausted(address);
    if (refused) return refused;
    const now = this.now();
    const own = this.current(address, now);
    const all = this.current(INSTANCE_KEY, now);
    own.count++;
    all.count++;
    let refunded = false;
    return {
      ok: true,
      refund: () => {
        if (refunded) return;
        refunded = true;
        // A refund after the window rolled over would eat into the next window's budget.
        if (this.windows.get(address) === own && own.count > 0) own.count--;
        if (this.windows.get(INSTANCE_KEY) === all && all.count > 0) all.count--;
      },
    };
  }

  /** Counts a failure that cost no upstream check (an OAuth endpoint refusing a guess). */
  record(address: string): void {
    this.current(address, this.now()).count++;
  }

  private current(key: string, now: number): Window {
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      if (w) this.windows.delete(key);
      w = { count: 0, resetAt: now + this.options.windowMs };
      this.windows.set(key, w);
      this.evict(now);
    }
    return w;
  }

  private evict(now: number): void {
    if (this.windows.size <= this.maxAddresses) return;
    // Map order is insertion order: the first entries are the oldest windows.
    for (const [key, w] of this.windows) {
      if (this.windows.size <= this.maxAddresses) break;
      if (key === INSTANCE_KEY && w.resetAt > now) continue;
      this.windows.delete(key);
    }
  }

  private refusal(w: Window, now: number, scope: "address" | "instance"): Reservation {
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((w.resetAt - now) / 1000)), scope };
  }
}
