// Everything a test may inspect or steer while the sandbox runs: data, request log, revoked tokens,
// faults. Exposed in-process as SandboxState and over HTTP under /_sandbox.
import { Faults } from "./faults.js";
import { Holds } from "./holds.js";
import { RequestLog } from "./request-log.js";
import { seedStore } from "./seed/index.js";
import type { SandboxCounts, Store } from "./store.js";
import type { RequestLogEntry, SandboxOptions } from "./types.js";

export const DEFAULT_LOG_SIZE = 5000;

export class SandboxState {
  private data: Store;
  private readonly log: RequestLog;
  private readonly revokedTokens = new Set<string>();
  readonly faults: Faults;
  readonly now: () => Date;
  /** @internal Responses held by `timeout` faults. */
  readonly holds = new Holds();

  constructor(opts: SandboxOptions = {}) {
    this.now = opts.now ?? (() => new Date());
    this.data = seedStore(this.now());
    this.log = new RequestLog(opts.requestLogSize ?? DEFAULT_LOG_SIZE);
    this.faults = new Faults(opts.faults, opts.faultSeed);
  }

  /** The live data. Replaced by reset(), so read it afresh rather than keeping it. */
  get store(): Store {
    return this.data;
  }

  get revoked(): ReadonlySet<string> {
    return this.revokedTokens;
  }

  /** API requests, oldest first; optionally only one operation's. */
  requests(op?: string): RequestLogEntry[] {
    return this.log.list(op);
  }

  clearRequests(): void {
    this.log.clear();
  }

  /** Later requests with this token answer 401 token_revoked. */
  revokeToken(token: string): void {
    this.revokedTokens.add(token);
  }

  /** Objects per kind (tickets, issues, comments, ...). */
  counts(): SandboxCounts {
    return this.data.counts();
  }

  /** Re-seeds the data and un-revokes tokens; the request log and faults stay as they are. */
  reset(): void {
    this.data = seedStore(this.now());
    this.revokedTokens.clear();
  }

  /** Replaces the fault spec; throws on an invalid spec. */
  setFaults(spec: string | undefined): void {
    this.faults.set(spec);
  }

  /** @internal */
  nextSeq(): number {
    return this.log.nextSeq();
  }

  /** @internal */
  record(entry: RequestLogEntry): void {
    this.log.add(entry);
  }
}
