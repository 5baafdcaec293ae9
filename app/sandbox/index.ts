// The DevRev sandbox: a stateful, in-memory stand-in for DevRev's REST API for tests and local runs.

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createSandboxApp } from "./app.js";
import type { SandboxState } from "./state.js";
import type { SandboxOptions } from "./types.js";

export { createSandboxApp } from "./app.js";
export { SANDBOX_PATS } from "./auth.js";
export { parseFaults } from "./faults.js";
export type { SandboxState } from "./state.js";
export type { SandboxCounts } from "./store.js";
export type { RequestLogEntry, SandboxHooks, SandboxOptions } from "./types.js";

export interface RunningSandbox {
  url: string;
  port: number;
  state: SandboxState;
  close(): Promise<void>;
}

export async function startSandbox(
  opts: SandboxOptions & { host?: string; port?: number } = {},
): Promise<RunningSandbox> {
  const { host = "127.0.0.1", port = 0, ...rest } = opts;
  const { app, state } = createSandboxApp(rest);
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${actual}`,
    port: actual,
    state,
    close() {
      closing ??= new Promise<void>((resolve) => {
        state.holds.releaseAll();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
