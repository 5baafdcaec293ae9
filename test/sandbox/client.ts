// A typed DevRev-style caller for the sandbox tests: POST <op> with a bearer PAT. Success bodies are
// typed from the generated spec types; error bodies are read through `error`.
import type { paths } from "../../app/devrev/generated/beta.js";

type PostPath = {
  [P in keyof paths]: paths[P] extends { post: { responses: object } } ? P : never;
}[keyof paths];
export type Op = PostPath extends `/${infer O}` ? O : never;
type JsonOf<R> = R extends { content: { "application/json": infer B } } ? B : Record<string, never>;
type Responses<O extends Op> = paths[`/${O}`] extends { post: { responses: infer R } } ? R : never;
export type Ok<O extends Op> =
  Responses<O> extends infer R
    ? 200 extends keyof R
      ? JsonOf<R[200]>
      : 201 extends keyof R
        ? JsonOf<R[201]>
        : never
    : never;

export interface ApiErrorBody {
  type: string;
  message?: string;
  field_name?: string;
  value?: string;
  allowed_values?: string[];
  retry_after?: number;
}

export interface Reply<T> {
  status: number;
  headers: Headers;
  /** The parsed body, typed as the success shape. */
  body: T;
  /** The same body read as a DevRev error. */
  error: ApiErrorBody;
}

export function caller(url: string, token: string | null = "sandbox-alice") {
  return async <O extends Op>(
    op: O,
    body: unknown = {},
    init: { token?: string | null; raw?: string } = {},
  ): Promise<Reply<Ok<O>>> => {
    const pat = init.token === undefined ? token : init.token;
    const res = await fetch(`${url}/${op}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(pat ? { authorization: `Bearer ${pat}` } : {}) },
      body: init.raw ?? JSON.stringify(body),
    });
    const text = await res.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    return { status: res.status, headers: res.headers, body: parsed as Ok<O>, error: parsed as ApiErrorBody };
  };
}

/** Raw POST to any path (unknown operations, non-JSON bodies). */
export async function post(url: string, path: string, raw: string, token = "sandbox-alice") {
  const res = await fetch(`${url}/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: raw,
  });
  return { status: res.status, body: (await res.json()) as ApiErrorBody };
}
