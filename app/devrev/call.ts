import type { DevRevClient, DevRevPaths } from "./client.js";
import { unwrap } from "./client.js";

// One typed call per DevRev operation, named as DevRev names it (`works.list`), so a tool reads
// `ctx.call("works.list", body)` instead of repeating the POST path, the signal and `unwrap`.

type PostPath = {
  [P in keyof DevRevPaths]: DevRevPaths[P] extends { post: object } ? P : never;
}[keyof DevRevPaths];
type WithoutSlash<P> = P extends `/${infer O}` ? O : never;

/** Every operation DevRev serves by POST, e.g. `works.list`. */
export type Operation = WithoutSlash<PostPath>;

type Post<O extends Operation> = DevRevPaths[`/${O}`]["post"];
type Json<C> = C extends { content: { "application/json": infer T } } ? T : never;

/** The JSON body the operation takes. */
export type OperationBody<O extends Operation> =
  Post<O> extends { requestBody: infer R }
    ? Json<R>
    : Post<O> extends { requestBody?: infer R }
      ? Json<R>
      : never;

/** What the operation answers on success (DevRev answers 200, or 201 for most creates). */
export type OperationResult<O extends Operation> =
  Post<O> extends { responses: infer R }
    ? R extends { 200: infer S }
      ? Json<S>
      : R extends { 201: infer S }
        ? Json<S>
        : Record<string, never>
    : never;

type UntypedPost = (
  path: string,
  init: { body: unknown; signal: AbortSignal },
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** Sends one operation with the request's abort signal; DevRev's refusals become DevRevErrors. */
export function callOperation<O extends Operation>(
  client: DevRevClient,
  op: O,
  body: OperationBody<O>,
  signal: AbortSignal,
): Promise<OperationResult<O>> {
  // The path is chosen at run time, so openapi-fetch's per-path typing is replaced by the
  // operation-level types above, which come from the same generated spec.
  const post = client.api.POST as unknown as UntypedPost;
  return unwrap(post(`/${op}`, { body, signal })) as Promise<OperationResult<O>>;
}
