import { execFile } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/run-script.js";

// The prepare script generates DevRev's API types from its OpenAPI spec for development and CI. A
// package or image build must not need the spec (or DevRev): npm also runs prepare on pack and
// publish, where the script steps aside. The spec sources are made unreachable, so a read fails.

const run = promisify(execFile);
const script = join(ROOT, "scripts", "generate-devrev-types.mjs");
const generated = join(ROOT, "app", "devrev", "generated", "public.d.ts");
const unreachable = {
  DEVREV_OPENAPI_DIR: "/nonexistent/devrev-openapi",
  DEVREV_OPENAPI_PUBLIC_URL: "http://127.0.0.1:9/openapi.yaml",
  DEVREV_OPENAPI_BETA_URL: "http://127.0.0.1:9/beta-openapi.yaml",
};

describe("scripts/generate-devrev-types.mjs", () => {
  it.each(["pack", "publish"])("does nothing during npm %s", async (command) => {
    const before = existsSync(generated) ? statSync(generated).mtimeMs : undefined;
    const { stderr } = await run(process.execPath, [script], {
      env: { PATH: process.env.PATH, ...unreachable, npm_command: command },
    });
    expect(stderr).toContain(`not needed to ${command}; skipping`);
    expect(existsSync(generated) ? statSync(generated).mtimeMs : undefined).toBe(before);
  });
});
