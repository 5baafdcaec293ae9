// Child processes for the benchmark: the sandbox API, the server and the bare express app, each a
// separate `node` process on 127.0.0.1, plus what /proc says about them (RSS, CPU time).
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";

export interface Child {
  name: string;
  proc: ChildProcess;
  pid: number;
  url: string;
  /** The last few KB of stderr, for error messages. */
  stderr(): string;
  stop(): Promise<number | null>;
}

let nodeBinary = process.execPath;

/** Runs the children with another Node binary (`npm run bench -- --node <path>`). */
export function useNodeBinary(path: string): void {
  nodeBinary = path;
}

export async function freePort(): Promise<number> {
  const srv = createServer();
  srv.listen(0, "127.0.0.1");
  await once(srv, "listening");
  const address = srv.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

export function spawnNode(
  name: string,
  args: string[],
  env: Record<string, string>,
  url: string,
  nodeArgs: string[] = [],
): Child {
  const proc = spawn(nodeBinary, [...nodeArgs, ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  proc.stderr?.on("data", (d: Buffer) => {
    err = (err + d.toString()).slice(-8000);
  });
  const exited = once(proc, "exit").then(([code]) => code as number | null);
  return {
    name,
    proc,
    pid: proc.pid ?? -1,
    url,
    stderr: () => err,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGTERM");
      const timer = setTimeout(() => proc.kill("SIGKILL"), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Polls `url` until it answers 200; returns milliseconds since `since` (performance.now()). */
export async function waitFor200(
  url: string,
  child: Child,
  since: number,
  timeoutMs = 30_000,
  intervalMs = 2,
): Promise<number> {
  while (performance.now() - since < timeoutMs) {
    if (child.proc.exitCode !== null) {
      throw new Error(`${child.name} exited (${child.proc.exitCode}) before answering:\n${child.stderr()}`);
    }
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - since;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`${child.name} did not answer ${url} within ${timeoutMs} ms:\n${child.stderr()}`);
}

/** Resident set size in bytes, from /proc/<pid>/status (VmRSS). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(kb) * 1024;
}

/** CPU time of every thread of the process so far, in ms (from /proc/<pid>/task/*\/schedstat, ns). */
export function cpuMs(pid: number): number {
  let ns = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      // A thread that ended between listing and reading.
    }
  }
  return ns / 1e6;
}
