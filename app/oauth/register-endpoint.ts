import express, { Router } from "express";
import { digest } from "./authorize.js";
import { register } from "./clients.js";
import type { OAuthContext } from "./context.js";

/** POST /oauth/register (RFC 7591), stateless: the answer's client_id is the signed registration. */
export function registerRoutes(ctx: OAuthContext): Router {
  const router = Router();
  router.post("/oauth/register", express.json({ limit: "16kb", type: () => true }), (req, res, next) => {
    register(ctx.keys, (req.body ?? {}) as Record<string, unknown>, ctx.nowSeconds())
      .then((result) => {
        if (!result.ok) {
          ctx.recordFailure?.(req);
          ctx.audit(req, { event: "oauth.register", outcome: "denied", reason: result.error });
          res.status(400).json({ error: result.error, error_description: result.error_description });
          return;
        }
        ctx.audit(req, {
          event: "oauth.register",
          outcome: "success",
          client: result.body.client_name,
          client_id_hash: digest(result.body.client_id),
        });
        res.status(201).json(result.body);
      })
      .catch(next);
  });
  return router;
}
