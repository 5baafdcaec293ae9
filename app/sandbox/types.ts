// Public types of the sandbox.

export interface SandboxHooks {
  /** Called with each API request body; returning a message makes the sandbox answer 400 bad_request with it. */
  onRequest?(op: string, body: unknown): string | undefined;
  /** Called with each API response (status and body as the client receives them). */
  onResponse?(op: string, status: number, body: unknown): void;
}

export interface SandboxOptions {
  /** Fault spec such as `429:0.1,500:0.05,503:0.05,timeout:0.05,reset:0.05` (see faults.ts). */
  faults?: string;
  /** Request log capacity; the oldest entries are dropped first. Default 5000. */
  requestLogSize?: number;
  /** Added to every API response. */
  latencyMs?: number;
  hooks?: SandboxHooks;
  /** Clock for timestamps and the seed anchor; inject for fully deterministic data. */
  now?: () => Date;
  /** Seed for fault decisions; without it faults use Math.random. */
  faultSeed?: number;
  /** How long a `timeout` fault holds the response before dropping the connection. Default 35 s. */
  timeoutHoldMs?: number;
  /** `Retry-After` seconds on a 429 fault. Default 1. */
  retryAfterSeconds?: number;
}

export interface RequestLogEntry {
  seq: number;
  at: string;
  method: string;
  /** Path without the leading slash, e.g. "works.list". */
  op: string;
  /** `sha256:<hex>` of the bearer token; never the token itself. */
  token_sha256: string | null;
  /** 0 when the connection was dropped (reset / timeout faults). */
  status: number;
  duration_ms: number;
  fault?: string;
}
