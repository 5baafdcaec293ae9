// The one clock every in-process test server and sandbox runs on, so the suite passes on any date
// (and under `faketime`): it starts at TEST_EPOCH when this module loads and advances with the
// process's monotonic clock, so objects created one after another still have ordered timestamps.
//
// startValidatedSandbox() seeds from it and stamps writes with it; startTestServer() hands it to the
// server (startHttpServer's `now`, which the per-request DevRev client exposes as `devrev.now()`
// for "overdue" and "last N days"). Tests computing an expected date use testNow(), never new Date().
// Processes a test spawns (stdio, the production install) keep the real clock: no test of theirs
// reads a date.

/** 2026-11-24 12:00 UTC: the sandbox anchor (09:00 that day) the tools tests were written against. */
export const TEST_EPOCH = Date.parse("2026-11-24T12:00:00.000Z");

const startedAt = performance.now();

export function testNow(): Date {
  return new Date(TEST_EPOCH + Math.floor(performance.now() - startedAt));
}
