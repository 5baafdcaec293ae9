import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { STACK_NAME } from "../../infra/names.js";
import { BASE_ENV } from "./helpers/synth.js";

const run = promisify(execFile);
const root = new URL("../../", import.meta.url).pathname;
const outdir = mkdtempSync(join(tmpdir(), "devrev-mcp-synth-cli-"));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** `npm run synth` exactly as a user runs it, with only the given settings in its environment. */
const synth = (env: Record<string, string>) =>
  run("npm", ["run", "--silent", "synth"], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, CDKTF_OUTDIR: outdir, ...env },
  });

describe("npm run synth", () => {
  it("writes the stack's cdk.tf.json in seconds without the cdktf CLI", async () => {
    const started = Date.now();
    const { stderr } = await synth(BASE_ENV);
    expect(existsSync(join(outdir, "stacks", STACK_NAME, "cdk.tf.json"))).toBe(true);
    expect(stderr).toContain("synthesized");
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("fails with a message naming the bad setting", async () => {
    const failed = await synth({ ...BASE_ENV, DEPLOY_MAX_INSTANCES: "many" }).then(
      () => undefined,
      (err: { code: number; stderr: string }) => err,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain(
      'DEPLOY_MAX_INSTANCES (cdktf context "maxInstances"): must be a whole number',
    );
    expect(failed?.stderr).not.toMatch(/\bat .*\.ts:\d+/); // a message, not a stack trace
  });
});
