// The request pipeline for DevRev operations: route -> auth -> fault -> parse -> hook -> declared
// fields -> handler.
// Every request is logged (with the token's hash, never the token).
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import type { Request, RequestHandler, Response } from "express";
import { tokenHash } from "../util/token-hash.js";
import { authenticate, bearerToken } from "./auth.js";
import {
  ApiError,
  badRequest,
  internalError,
  notFound,
  parseError,
  serviceUnavailable,
  tooManyRequests,
} from "./errors.js";
import type { FaultKind } from "./faults.js";
import { checkFields } from "./fields.js";
import { fieldsOf, handlers } from "./handlers/index.js";
import { Input, type JsonObject } from "./input.js";
import type { SandboxState } from "./state.js";
import type { SandboxOptions } from "./types.js";

const DEFAULT_HOLD_MS = 35_000;

function parseBody(raw: unknown): JsonObject {
  const text = Buffer.isBuffer(raw) ? raw.toString("utf8") : "";
  if (!text.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw parseError(`request body is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw parseError("request body must be a JSON object");
  }
  return parsed as JsonObject;
}

function faultError(kind: FaultKind, seq: number, opts: SandboxOptions): ApiError | undefined {
  if (kind === "429") return tooManyRequests(opts.retryAfterSeconds ?? 1);
  if (kind === "500") return internalError(`sandbox-${seq}`);
  if (kind === "503") return serviceUnavailable();
  return undefined;
}

export function apiHandler(state: SandboxState, opts: SandboxOptions): RequestHandler {
  return async (req: Request, res: Response) => {
    const started = performance.now();
    const seq = state.nextSeq();
    const op = req.path.replace(/^\//, "");
    const token = bearerToken(req.get("authorization"));
    let fault: FaultKind | undefined;
    const log = (status: number) =>
      state.record({
        seq,
        at: state.now().toISOString(),
        method: req.method,
        op,
        token_sha256: token ? tokenHash(token) : null,
        status,
        duration_ms: Math.round((performance.now() - started) * 100) / 100,
        ...(fault ? { fault } : {}),
      });
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      const text = JSON.stringify(body);
      res.status(status).set(headers).type("application/json").send(text);
      log(status);
      // The hook sees what the client sees: the serialised body, not the object (undefined dropped).
      if (opts.hooks?.onResponse) opts.hooks.onResponse(op, status, JSON.parse(text));
    };

    try {
      const handler = Object.hasOwn(handlers, op) ? handlers[op] : undefined;
      if (!handler) throw notFound(`unknown operation '${op}'`);
      if (req.method !== "POST") throw notFound(`the sandbox serves the POST form of ${op} only`);
      const actor = authenticate(req.get("authorization"), state.store, state.revoked);
      if (actor instanceof ApiError) throw actor;

      fault = state.faults.decide(op);
      if (fault === "reset") {
        log(0);
        req.socket.destroy();
        return;
      }
      if (fault === "timeout") {
        log(0);
        state.holds.hold(res, opts.timeoutHoldMs ?? DEFAULT_HOLD_MS);
        return;
      }
      const injected = fault && faultError(fault, seq, opts);
      if (injected) throw injected;

      const body = parseBody(req.body);
      const refusal = opts.hooks?.onRequest?.(op, body);
      if (refusal) throw badRequest(refusal);
      // Before the handler, so a refused request changes nothing.
      checkFields(body, fieldsOf(op));
      const result = handler({
        store: state.store,
        actor,
        input: new Input(body),
        now: state.now(),
        baseUrl: `${req.protocol}://${req.get("host")}`,
      });
      // Latency after the work and the hooks, so a test can see a request arrive while it is slow.
      if (opts.latencyMs) await sleep(opts.latencyMs);
      if (fault === "lost") {
        // Applied, but the answer never arrives.
        log(0);
        req.socket.destroy();
        return;
      }
      send(op.endsWith(".create") ? 201 : 200, result);
    } catch (err) {
      if (res.headersSent) {
        // The response went out; what failed was a hook. Surface it without answering twice.
        console.error(`sandbox: ${op} hook failed:`, err);
        return;
      }
      if (err instanceof ApiError) return send(err.status, err.body, err.headers);
      console.error(`sandbox: ${op} failed:`, err);
      send(500, internalError(`sandbox-${seq}`).body);
    }
  };
}
