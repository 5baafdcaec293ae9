// Seed dates are relative to an anchor (the sandbox's "now" at seeding, truncated to 09:00 UTC), so
// "overdue" and "due this week" mean something on any day while a given day's data is identical.
export class SeedClock {
  readonly anchor: Date;

  constructor(now: Date) {
    this.anchor = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 9, 0, 0));
  }

  /** ISO time `days` after the anchor (negative: before), plus `hours`. */
  at(days: number, hours = 0): string {
    return new Date(this.anchor.getTime() + (days * 24 + hours) * 3_600_000).toISOString();
  }
}
