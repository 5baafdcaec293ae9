// Assembles the express app: health, test controls, the file store (artifact uploads and downloads),
// then every other path as a DevRev operation.
import express, { type ErrorRequestHandler } from "express";
import { adminRouter } from "./admin.js";
import { apiHandler } from "./api.js";
import { entityTooLarge } from "./errors.js";
import { filesRouter } from "./files.js";
import { SandboxState } from "./state.js";
import type { SandboxOptions } from "./types.js";

// Body-parser failures (oversized or unreadable bodies) in DevRev's error format.
const bodyErrors: ErrorRequestHandler = (err, _req, res, _next) => {
  const status = typeof err?.status === "number" ? err.status : 500;
  if (status === 413) {
    res.status(413).json(entityTooLarge().body);
    return;
  }
  res.status(status >= 400 && status < 500 ? 400 : 500).json({
    type: status >= 400 && status < 500 ? "bad_request" : "internal_error",
    message: String(err?.message ?? err),
  });
};

export function createSandboxApp(opts: SandboxOptions = {}): { app: express.Express; state: SandboxState } {
  const state = new SandboxState(opts);
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.get("/health", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.use("/_sandbox", adminRouter(state));
  app.use(filesRouter(state));
  app.use(express.raw({ type: () => true, limit: "1mb" }));
  app.use(apiHandler(state, opts));
  app.use(bodyErrors);
  return { app, state };
}
