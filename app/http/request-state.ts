import type { Request } from "express";
import type { Authenticated } from "../auth/types.js";
import type { Logger } from "../log/logger.js";
import type { TraceContext } from "../log/trace.js";

/** What the edge learns about one request, kept on the request object for later middleware. */
export interface RequestState {
  startedAt: number;
  logger: Logger;
  trace: TraceContext | undefined;
  /** The caller, once authentication let them in: identity, DevRev token and its hash, as derived. */
  auth?: Authenticated;
  mcpMethod?: string;
  /** What the caller's OAuth grant allows (its scope); requests can narrow further, never widen. */
  grantNarrowing?: { readOnly?: boolean };
  /** Aborted at the request deadline or when the caller goes away: DevRev calls stop with it. */
  signal?: AbortSignal;
}

const STATE = Symbol("devrev-mcp-request-state");

export function requestState(req: Request): RequestState {
  const state = (req as Request & { [STATE]?: RequestState })[STATE];
  if (!state) throw new Error("request state missing: requestContext middleware must run first");
  return state;
}

export function setRequestState(req: Request, state: RequestState): void {
  (req as Request & { [STATE]?: RequestState })[STATE] = state;
}
