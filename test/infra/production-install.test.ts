// Repeats the Dockerfile's build and runtime stages outside Docker, from a clean copy of the
// repository (tracked files only: no dist/, no ../shared beside it, DevRev unreachable): `npm pack`
// (prepack builds and strips the scripts the package cannot run), install only production
// dependencies from the lockfile, start the bundle far from the repository, and speak MCP to it.
// A runtime dependency missing from package.json fails here, not in production. The tarball is
// also installed the way the README says to before the first release.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { LATEST_PROTOCOL_VERSION } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = new URL("../../", import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  version: string;
  dependencies: Record<string, string>;
};
// A clean environment: nothing from the outer `npm test` (npm_config_*, DEVREV_*, MCP_*) leaks in.
const baseEnv = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" };

let work: string;
let appDir: string;
let clone: string;
let tarball: string;
let packedFiles: string[];
let packedManifest: { scripts?: Record<string, string>; bin?: Record<string, string> };
let packLog = "";
let server: ChildProcess | undefined;
let serverLog = "";
let baseUrl: string;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${serverLog}`);
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server never became healthy:\n${serverLog}`);
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "devrev-mcp-prod-"));
  appDir = join(work, "app");
  mkdirSync(appDir);

  // A clean checkout: what git tracks (and new files not yet committed), no dist/ or caches. The
  // dependencies are the repository's own (a link), as `npm ci` would install them.
  clone = join(work, "clone");
  const { stdout: listed } = await run(
    "git",
    ["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
    {
      cwd: root,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  for (const file of listed.split("\0").filter(Boolean)) {
    if (existsSync(join(root, file))) cpSync(join(root, file), join(clone, file), { recursive: true });
  }
  symlinkSync(join(root, "node_modules"), join(clone, "node_modules"));
  expect(existsSync(join(clone, "dist"))).toBe(false);

  // Same command as the Dockerfile's build stage: scripts on, so prepack builds. Any attempt to
  // read DevRev's spec would fail: no ../shared beside the clone, no reachable download.
  const { stdout, stderr } = await run("npm", ["pack", "--json", "--pack-destination", work], {
    cwd: clone,
    env: {
      ...baseEnv,
      DEVREV_OPENAPI_PUBLIC_URL: "http://127.0.0.1:9/openapi.yaml",
      DEVREV_OPENAPI_BETA_URL: "http://127.0.0.1:9/beta-openapi.yaml",
    },
  });
  packLog = stderr;
  const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  packedFiles = packed!.files.map((f) => f.path);
  tarball = join(work, packed!.filename);
  await run("tar", ["-xzf", tarball, "-C", appDir, "--strip-components=1"]);
  packedManifest = JSON.parse(readFileSync(join(appDir, "package.json"), "utf8"));
  copyFileSync(join(root, "package-lock.json"), join(appDir, "package-lock.json"));
  await run("npm", ["ci", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund"], {
    cwd: appDir,
    env: baseEnv,
  });

  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  // Cloud Run's way of choosing the port: PORT, not a flag.
  server = spawn(
    process.execPath,
    [join(appDir, "dist", "cli.js"), "--transport", "streamable-http", "--host", "127.0.0.1", "--sandbox"],
    { cwd: appDir, env: { ...baseEnv, NODE_ENV: "production", PORT: String(port) }, stdio: "pipe" },
  );
  server.stdout?.on("data", (d) => {
    serverLog += d;
  });
  server.stderr?.on("data", (d) => {
    serverLog += d;
  });
  await waitForHealth(baseUrl, server);
}, 240_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once("exit", resolve));
    server.kill("SIGTERM");
    const timer = setTimeout(() => server!.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  }
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Reads a JSON-RPC message from a JSON or SSE (`event: message` / `data: {...}`) response. */
async function rpcMessage(response: Response): Promise<{ id?: number; result?: Record<string, unknown> }> {
  const text = await response.text();
  if (!response.headers.get("content-type")?.includes("text/event-stream")) return JSON.parse(text);
  const data = text
    .split("\n")
    .filter((line) => line.startsWith("data:"))
    .map((line) => line.slice("data:".length).trim());
  expect(data).toHaveLength(1);
  return JSON.parse(data[0]!);
}

const initialize = (authorization?: string) =>
  fetch(`${baseUrl}/mcp`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Accept: "application/json, text/event-stream",
      ...(authorization && { Authorization: authorization }),
    },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: {
        protocolVersion: LATEST_PROTOCOL_VERSION,
        capabilities: {},
        clientInfo: { name: "production-install-test", version: "0" },
      },
    }),
  });

describe("npm pack from a clean checkout", () => {
  it("builds dist/ first (prepack), without DevRev's spec", () => {
    expect(packedFiles).toContain("dist/cli.js");
    expect(packLog).toContain("build: dist/");
    expect(packLog).not.toMatch(/generate-devrev-types: (public|beta) types/);
  });

  it("ships a package.json whose scripts all work in the package (no dangling prepare)", () => {
    expect(packedManifest.scripts).toEqual({ start: "node dist/cli.js" });
    for (const command of Object.values(packedManifest.scripts ?? {})) {
      for (const path of command.match(/\b[\w./-]+\.(m?js|ts|sh)\b/g) ?? []) {
        expect(packedFiles, `${command} needs ${path}`).toContain(path);
      }
    }
    expect(packedManifest.bin).toEqual({ "devrev-mcp-server": "dist/cli.js" });
  });

  it("leaves the checkout's package.json as it was (postpack)", () => {
    expect(readFileSync(join(clone, "package.json"), "utf8")).toBe(
      readFileSync(join(root, "package.json"), "utf8"),
    );
    expect(existsSync(join(clone, ".cache", "package.json.prepack"))).toBe(false);
  });

  it("installs from the tarball as the README says, and runs", async () => {
    const project = join(work, "user-project");
    mkdirSync(project);
    await run("npm", ["init", "-y"], { cwd: project, env: baseEnv });
    await run("npm", ["install", "--no-audit", "--no-fund", tarball], { cwd: project, env: baseEnv });
    const { stdout } = await run(join(project, "node_modules", ".bin", "devrev-mcp-server"), ["--version"], {
      cwd: project,
      env: baseEnv,
    });
    expect(stdout.trim()).toContain(pkg.version);
  }, 120_000);
});

describe("the runtime image's contents (npm pack + production install)", () => {
  it("publish only the bundle and package metadata", () => {
    expect(packedFiles).toContain("dist/cli.js");
    for (const file of packedFiles) expect(file).toMatch(/^(dist\/|package\.json$|README|LICEN[CS]E)/i);
    // The server must start without DevRev's OpenAPI spec, which is build-time data only.
    expect(packedFiles.filter((file) => /openapi|\.ya?ml$/i.test(file))).toEqual([]);
  });

  it("install the production dependencies and no dev tools", () => {
    // The bundle carries every library, so a production install has nothing to fetch.
    expect(Object.keys(pkg.dependencies ?? {})).toEqual([]);
    for (const dep of Object.keys(pkg.dependencies ?? {})) {
      expect(existsSync(join(appDir, "node_modules", dep, "package.json")), dep).toBe(true);
    }
    for (const devTool of [
      "typescript",
      "vitest",
      "esbuild",
      "cdktf",
      "@biomejs/biome",
      "openapi-typescript",
    ]) {
      expect(existsSync(join(appDir, "node_modules", devTool)), devTool).toBe(false);
    }
  });

  it("serve /health without authentication", async () => {
    const response = await fetch(`${baseUrl}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", version: pkg.version });
  });

  it("refuse MCP requests without a bearer token", async () => {
    const response = await initialize();
    expect(response.status).toBe(401);
    await response.body?.cancel();
  });

  it("answer a real MCP initialize for a sandbox PAT", async () => {
    const response = await initialize("Bearer sandbox-alice");
    expect(response.status).toBe(200);
    const message = await rpcMessage(response);
    expect(message.id).toBe(1);
    expect(message.result).toMatchObject({
      protocolVersion: LATEST_PROTOCOL_VERSION,
      serverInfo: expect.objectContaining({ version: pkg.version }),
      capabilities: expect.objectContaining({ tools: expect.anything() }),
    });
  });
});
