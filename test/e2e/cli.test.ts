import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

// The built CLI's own surface: help, version, and start-up refusals that name the problem.

const run = promisify(execFile);
const cli = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, ["dist/cli.js", ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    timeout: 15_000,
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }),
  );

describe("devrev-mcp-server CLI", () => {
  it("prints help and version", async () => {
    const help = await cli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--transport <stdio\|streamable-http>/);
    expect(help.stdout).toMatch(/sandbox-api/);
    const version = await cli(["--version"]);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("refuses a bad value with the variable, the problem and the accepted form (exit 2)", async () => {
    const bad = await cli(["--transport", "streamable-http"], { MCP_PORT: "eighty" });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('MCP_PORT: "eighty" is not an integer from 1 to 65535');
    const flag = await cli(["--transport", "sse"]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('--transport: "sse" is not one of stdio | streamable-http');
    const unknown = await cli(["--frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--frobnicate'/);
  });

  it("refuses stdio without a token, and auth mode none off loopback", async () => {
    const stdio = await cli([]);

    expect(stdio.code).toBe(2);
    expect(stdio.stderr).toMatch(/DEVREV_API_TOKEN: required for the stdio transport/);
    const open = await cli(["--transport", "streamable-http", "--host", "0.0.0.0"], {
      MCP_AUTH_MODE: "none",
      DEVREV_API_TOKEN: "x",
    });
    expect(open.code).toBe(2);
    expect(open.stderr).toMatch(/only allowed on a loopback host/);
  });
});
