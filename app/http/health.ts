import type { Router } from "express";
import express from "express";

/**
 * Whether DevRev answered recently, learned from real traffic (token checks, tool calls), so a
 * health probe never has to call DevRev itself.
 */
export class DevRevReachability {
  private lastOk: number | undefined;
  private lastFailure: number | undefined;

  record(ok: boolean, now = Date.now()): void {
    if (ok) this.lastOk = now;
    else this.lastFailure = now;
  }

  view(now = Date.now()) {
    const iso = (t: number | undefined) => (t ? new Date(t).toISOString() : null);
    const failingNow =
      this.lastFailure !== undefined && (this.lastOk === undefined || this.lastFailure > this.lastOk);
    return {
      reachable: this.lastOk === undefined && this.lastFailure === undefined ? null : !failingNow,
      last_success_at: iso(this.lastOk),
      last_failure_at: iso(this.lastFailure),
      recent_failure: failingNow && now - (this.lastFailure ?? 0) < 60_000,
    };
  }
}

export function healthRoutes(
  version: string,
  reachability: DevRevReachability,
  isDraining: () => boolean,
): Router {
  const router = express.Router();
  const started = Date.now();
  // Liveness: the process answers. Cloud Run's probes use this; it never depends on DevRev.
  router.get("/health", (_req, res) => {
    res.json({
      status: isDraining() ? "draining" : "ok",
      version,
      uptime_s: Math.round((Date.now() - started) / 1000),
    });
  });
  // Readiness: whether DevRev answered the last time anyone called it.
  router.get("/health/ready", (_req, res) => {
    const devrev = reachability.view();
    const ready = !isDraining() && !devrev.recent_failure;
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "degraded", version, devrev });
  });
  return router;
}
