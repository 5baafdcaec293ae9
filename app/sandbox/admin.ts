// Test controls under /_sandbox. No auth: the sandbox only ever listens on a local interface.
import express, { type Router } from "express";
import type { SandboxState } from "./state.js";

export function adminRouter(state: SandboxState): Router {
  const router = express.Router();
  router.use(express.json());
  router.get("/requests", (req, res) => {
    const op = typeof req.query.op === "string" ? req.query.op : undefined;
    res.json({ requests: state.requests(op) });
  });
  router.delete("/requests", (_req, res) => {
    state.clearRequests();
    res.json({});
  });
  router.post("/revoke", (req, res) => {
    const token: unknown = req.body?.token;
    if (typeof token !== "string" || !token) {
      res.status(400).json({ type: "bad_request", message: "token is required" });
      return;
    }
    state.revokeToken(token);
    res.json({});
  });
  router.get("/stats", (_req, res) => {
    res.json(state.counts());
  });
  router.post("/reset", (_req, res) => {
    state.reset();
    res.json({});
  });
  router.post("/faults", (req, res) => {
    const spec: unknown = req.body?.spec;
    try {
      state.setFaults(typeof spec === "string" ? spec : "");
      res.json({});
    } catch (err) {
      res.status(400).json({ type: "bad_request", message: (err as Error).message });
    }
  });
  return router;
}
