import { execFile, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { connectClient, textOf } from "../support/mcp-server.js";

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

describe("the README's first command (npm run sandbox)", () => {
  it("serves MCP over HTTP on the sandbox and prints the endpoint, tokens and client configs", async () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
    // Run exactly what the script runs after its build step, on a free port.
    const command = pkg.scripts.sandbox?.split("&&").at(-1)?.trim().split(/\s+/) ?? [];
    expect(command.slice(0, 2)).toEqual(["node", "dist/cli.js"]);
    const child = spawn(process.execPath, [...command.slice(1), "--port", "0"], {
      env: { PATH: process.env.PATH ?? "" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    try {
      let banner = "";
      const url = await new Promise<string>((resolve, reject) => {
        child.stderr?.on("data", (d: Buffer) => {
          banner += d.toString();
          const m = banner.match(/MCP endpoint: (http:\/\/127\.0\.0\.1:\d+\/mcp)/);
          if (m?.[1] && banner.includes("Press Ctrl+C")) resolve(m[1]);
        });
        child.once("exit", (code) => reject(new Error(`exited ${code}: ${banner}`)));
      });
      expect(banner).toMatch(/sandbox-alice, sandbox-bob/);
      expect(banner).toContain(`claude mcp add --transport http devrev-sandbox ${url}`);
      const client = await connectClient(url, "sandbox-alice");
      const me = await client.callTool({ name: "devrev_whoami", arguments: {} });
      expect(textOf(me)).toMatch(/alice@acme\.test/);
      await client.close();
    } finally {
      child.kill("SIGTERM");
    }
  });
});
