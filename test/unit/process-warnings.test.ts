import { EventEmitter } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createLogger } from "../../app/log/logger.js";
import { routeProcessWarnings } from "../../app/log/process-warnings.js";

// Issue 10 item 12: Node's own warning printer wrote MaxListenersExceededWarning as plain text into
// the JSON log stream. With the router installed, the real `process` emits the warning as one
// JSON WARNING record and Node's printer is not called.

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

describe("process warnings", () => {
  it("become JSON log records instead of stderr text", async () => {
    const lines: string[] = [];
    const nodePrinters = process.listeners("warning");
    expect(nodePrinters.length).toBeGreaterThan(0);
    const stderr = vi.spyOn(process.stderr, "write");
    restore = routeProcessWarnings(
      createLogger({ level: "info", format: "json", write: (l) => lines.push(l) }),
    );

    // A real MaxListenersExceededWarning, as fan-out over one AbortSignal produced it.
    const emitter = new EventEmitter();
    emitter.setMaxListeners(2);
    for (let i = 0; i < 3; i++) emitter.on("abort", () => {});
    await new Promise((r) => setImmediate(r));

    expect(stderr).not.toHaveBeenCalled();
    stderr.mockRestore();
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0] ?? "{}");
    expect(record).toMatchObject({ severity: "WARNING", warning: "MaxListenersExceededWarning" });
    expect(record.message).toMatch(/Possible EventEmitter memory leak detected/);
  });

  it("puts Node's printer back when restored", () => {
    const before = process.listeners("warning");
    routeProcessWarnings(createLogger({ level: "info", format: "json", write: () => {} }))();
    expect(process.listeners("warning")).toEqual(before);
  });
});
