import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { STACK_NAME } from "../../infra/names.js";
import { BASE_ENV } from "./helpers/synth.js";

// The documented entry points (docs/deployment.md): `npm run synth|diff|deploy|output|destroy`
// run the pinned cdktf CLI (cdktf-cli in devDependencies), which runs cdktf.json's "app". synth
// is exercised for real, with no terraform binary reachable: it needs none (only diff, deploy,
// output and destroy do, and they also download the Google provider, which cannot happen here).

const run = promisify(execFile);
const root = new URL("../../", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "devrev-mcp-synth-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// A PATH with node and the system's basic tools, and provably no terraform.
const bin = join(work, "bin");
mkdirSync(bin);
symlinkSync(process.execPath, join(bin, "node"));
const PATH = [bin, dirname(process.execPath), "/usr/bin", "/bin"]
  .filter((dir, i, all) => all.indexOf(dir) === i)
  .join(delimiter);

const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** `npm run synth` exactly as a user runs it, with only the given settings in its environment. */
const synth = (env: Record<string, string>, outdir: string) =>
  run("npm", ["run", "--silent", "synth", "--", "--output", outdir], {
    cwd: root,
    env: { PATH, HOME: join(work, "home"), ...env },
  });

describe("the cdktf CLI", () => {
  it("is pinned exactly and runs behind one npm script per documented command", () => {
    expect(pkg.devDependencies["cdktf-cli"]).toBe("0.21.0");
    for (const command of ["synth", "diff", "deploy", "output", "destroy"]) {
      expect(pkg.scripts[command]).toBe(`CHECKPOINT_DISABLE=1 cdktf ${command}`);
    }
    const cdktfJson = JSON.parse(readFileSync(join(root, "cdktf.json"), "utf8")) as { app: string };
    expect(cdktfJson.app).toBe("npx tsx infra/main.ts");
  });

  it("resolves `cdktf` to the CLI, not the library of the same name", async () => {
    const { stdout } = await run("npx", ["--no-install", "cdktf", "--version"], { cwd: root, env: { PATH } });
    expect(stdout.split("\n")[0]).toBe("0.21.0");
  }, 60_000);

  it("synthesizes the stack through `npm run synth` with no terraform on the PATH", async () => {
    for (const dir of PATH.split(delimiter)) expect(existsSync(join(dir, "terraform")), dir).toBe(false);
    const outdir = join(work, "out");
    const { stdout } = await synth(BASE_ENV, outdir);
    expect(existsSync(join(outdir, "stacks", STACK_NAME, "cdk.tf.json"))).toBe(true);
    expect(stdout).toContain("synthesized");
    expect(stdout).toContain(`Generated Terraform code for the stacks: ${STACK_NAME}`);
  }, 120_000);

  it("fails with a message naming the bad setting", async () => {
    const failed = await synth({ ...BASE_ENV, DEPLOY_MAX_INSTANCES: "many" }, join(work, "bad")).then(
      () => undefined,
      (err: { code: number; stdout: string; stderr: string }) => err,
    );
    expect(failed?.code).toBe(1);
    const output = `${failed?.stdout}${failed?.stderr}`;
    expect(output).toContain('DEPLOY_MAX_INSTANCES (cdktf context "maxInstances"): must be a whole number');
    expect(output).not.toMatch(/\bat .*\.ts:\d+/); // a message, not a stack trace
  }, 120_000);
});
