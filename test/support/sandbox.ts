// The DevRev sandbox with every request and response checked against DevRev's beta spec. A request
// the spec would refuse (including unknown fields) is answered 400, so the caller fails loudly; every
// problem is also recorded: tests end with `expect(sb.violations()).toEqual([])`. It runs on the
// pinned test clock (./clock.ts) unless a test passes its own `now`. The few fields live DevRev
// accepts beyond the spec (LIVE_ONLY, e.g. sort_by on conversations.list) are allowed.

import { LIVE_ONLY } from "../../app/sandbox/fields.js";
import {
  type SandboxHooks,
  type SandboxOptions,
  type SandboxState,
  startSandbox,
} from "../../app/sandbox/index.js";
import { testNow } from "./clock.js";
import { ensureNormalizedSpec, validateRequest, validateResponse } from "./devrev-spec.js";

/** The body without the fields live DevRev accepts beyond the spec (the sandbox checks those itself). */
function withoutLiveOnly(op: string, body: unknown): unknown {
  const extra = LIVE_ONLY[op];
  if (!extra || typeof body !== "object" || body === null) return body;
  return Object.fromEntries(Object.entries(body).filter(([k]) => !extra.includes(k)));
}

export interface ValidatedSandbox {
  url: string;
  state: SandboxState;
  /** Spec violations seen so far, in order. */
  violations(): string[];
  clearViolations(): void;
  close(): Promise<void>;
}

export async function startValidatedSandbox(opts: SandboxOptions = {}): Promise<ValidatedSandbox> {
  await ensureNormalizedSpec();
  const found: string[] = [];
  const hooks: SandboxHooks = {
    onRequest(op, body) {
      const errors = validateRequest(op, withoutLiveOnly(op, body));
      found.push(...errors);
      return errors.length ? errors.join("; ") : opts.hooks?.onRequest?.(op, body);
    },
    onResponse(op, status, body) {
      found.push(...validateResponse(op, status, body));
      opts.hooks?.onResponse?.(op, status, body);
    },
  };
  const sandbox = await startSandbox({ now: testNow, ...opts, hooks, host: "127.0.0.1", port: 0 });
  return {
    url: sandbox.url,
    state: sandbox.state,
    violations: () => [...found],
    clearViolations: () => {
      found.length = 0;
    },
    close: () => sandbox.close(),
  };
}
