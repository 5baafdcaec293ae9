import { describe, expect, it } from "vitest";
import { createLogger } from "../../app/log/logger.js";
import { parseTrace, traceFields } from "../../app/log/trace.js";

describe("structured logs", () => {
  it("writes Cloud Logging fields and redacts secrets", () => {
    const lines: string[] = [];
    const log = createLogger({ level: "info", format: "json", write: (l) => lines.push(l) });
    log.info("calling with Bearer sandbox-alice", {
      authorization: "Bearer sandbox-alice",
      nested: { token: "x" },
    });
    log.debug("hidden");
    expect(lines).toHaveLength(1);
    const rec = JSON.parse(lines[0] ?? "");
    expect(rec).toMatchObject({
      severity: "INFO",
      message: "calling with Bearer [redacted]",
      authorization: "[redacted]",
    });
    expect(rec.nested.token).toBe("[redacted]");
    expect(lines[0]).not.toContain("sandbox-alice");
  });

  it("prints text for people", () => {
    const lines: string[] = [];
    createLogger({ level: "debug", format: "text", write: (l) => lines.push(l) }).warn("slow", { ms: 12 });
    expect(lines[0]).toMatch(/WARNING slow ms=12\n$/);
  });

  it("reads traceparent and X-Cloud-Trace-Context", () => {
    const tp = parseTrace({ traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" });
    expect(traceFields(tp, "proj")).toEqual({
      "logging.googleapis.com/trace": "projects/proj/traces/0af7651916cd43dd8448eb211c80319c",
      "logging.googleapis.com/spanId": "b7ad6b7169203331",
    });
    expect(parseTrace({ "x-cloud-trace-context": "105445aa7843bc8bf206b12000100000/1;o=1" })?.traceId).toBe(
      "105445aa7843bc8bf206b12000100000",
    );
    expect(parseTrace({})).toBeUndefined();
  });
});
