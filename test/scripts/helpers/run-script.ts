import { execFile } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

// Runs the operations scripts as a user would, with fake `gcloud` and `gh` first on PATH. The fakes
// record every invocation (argv, and standard input when gcloud is told --data-file=-) so tests
// can assert the exact commands and where a secret travelled.

export const ROOT = new URL("../../../", import.meta.url).pathname;

export interface Invocation {
  cmd: string;
  args: string[];
  stdin: string | null;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

const FAKE = `#!${process.execPath}
const fs = require("node:fs");
const path = require("node:path");
const cmd = path.basename(process.argv[1]);
const args = process.argv.slice(2);
const stdin = args.includes("--data-file=-") ? fs.readFileSync(0, "utf8") : null;
fs.appendFileSync(process.env.FAKE_LOG, JSON.stringify({ cmd, args, stdin }) + "\\n");
const fail = process.env.FAKE_FAIL;
if (fail && new RegExp(fail).test([cmd, ...args].join(" "))) {
  process.stderr.write(cmd + ": fake failure\\n");
  process.exit(1);
}
`;

export class FakeBin {
  readonly dir = mkdtempSync(join(tmpdir(), "devrev-mcp-fakebin-"));
  readonly log = join(this.dir, "invocations.jsonl");

  constructor(commands: string[] = ["gcloud", "gh"]) {
    for (const name of commands) {
      const file = join(this.dir, name);
      writeFileSync(file, FAKE);
      chmodSync(file, 0o755);
    }
  }

  /** Every recorded invocation, oldest first; clears the record. */
  take(): Invocation[] {
    if (!existsSync(this.log)) return [];
    const lines = readFileSync(this.log, "utf8").split("\n").filter(Boolean);
    rmSync(this.log);
    return lines.map((l) => JSON.parse(l) as Invocation);
  }

  /** PATH with the fakes first, then node, then the system's (which may hold real gcloud/gh). */
  path(): string {
    return [this.dir, dirname(process.execPath), "/usr/local/bin", "/usr/bin", "/bin"].join(":");
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Runs scripts/NAME asynchronously (an in-process test server keeps answering meanwhile). */
export function runScript(
  name: string,
  args: string[],
  options: { env?: Record<string, string>; input?: string; fake?: FakeBin; timeoutMs?: number } = {},
): Promise<RunResult> {
  const env: Record<string, string> = {
    PATH: options.fake?.path() ?? process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/tmp",
    ...(options.fake && { FAKE_LOG: options.fake.log }),
    ...options.env,
  };
  return new Promise((resolve) => {
    const child = execFile(
      join(ROOT, "scripts", name),
      args,
      { cwd: ROOT, env, timeout: options.timeoutMs ?? 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
    // A script may exit (bad arguments) before reading its input; that is not an error here.
    child.stdin?.on("error", () => {});
    child.stdin?.end(options.input ?? "");
  });
}
