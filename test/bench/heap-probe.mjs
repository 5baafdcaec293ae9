// Loaded into the server by the benchmark only (node --expose-gc --import heap-probe.mjs): on
// SIGUSR2 it runs a full GC and prints the live heap on stderr, so the memory phase can tell a
// leak from V8 simply not having collected yet. Nothing here runs in production.
process.on("SIGUSR2", () => {
  globalThis.gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  process.stderr.write(`${JSON.stringify({ bench_heap_used: heapUsed, bench_rss: rss })}\n`);
});
