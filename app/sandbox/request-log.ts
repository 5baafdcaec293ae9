// A bounded log of API requests. Fixed capacity so a long-running sandbox cannot grow without limit.
import type { RequestLogEntry } from "./types.js";

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private seq = 0;

  constructor(private readonly capacity: number) {}

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  add(entry: RequestLogEntry): void {
    if (this.capacity <= 0) return;
    this.entries.push(entry);
    // Trim in batches: splicing one entry per request would be O(n) each time.
    if (this.entries.length > this.capacity * 1.25) this.entries = this.entries.slice(-this.capacity);
  }

  list(op?: string): RequestLogEntry[] {
    const recent = this.entries.slice(-this.capacity);
    return op ? recent.filter((e) => e.op === op) : recent;
  }

  clear(): void {
    this.entries = [];
  }
}
