// What every operation handler receives, and what it returns: the response body (errors are thrown
// as ApiError). `*.create` answers 201; the router decides that, not the handler.
import type { Input } from "../input.js";
import type { DevUserRec } from "../records.js";
import type { Store } from "../store.js";

export interface Ctx {
  store: Store;
  /** The dev user the PAT belongs to. */
  actor: DevUserRec;
  input: Input;
  now: Date;
  /** Where clients reach this sandbox (`http://127.0.0.1:PORT`): upload and download URLs live there. */
  baseUrl: string;
}

export type Handler = (ctx: Ctx) => unknown;
export type Handlers = Record<string, Handler>;
