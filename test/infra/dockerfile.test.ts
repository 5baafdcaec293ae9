import { readFileSync } from "node:fs";
import {
  DockerfileParser,
  From,
  type Instruction,
  JSONInstruction,
  ModifiableInstruction,
  PropertyInstruction,
} from "dockerfile-ast";
import {
  format,
  ValidationCode,
  ValidationSeverity,
  type ValidatorSettings,
  validate,
} from "dockerfile-utils";
import { describe, expect, it } from "vitest";
import { CONTAINER_PORT } from "../../infra/names.js";

const root = new URL("../../", import.meta.url);
const source = readFileSync(new URL("Dockerfile", root), "utf8");
const dockerfile = DockerfileParser.parse(source);

interface Stage {
  from: From;
  instructions: Instruction[];
}
const stages: Stage[] = [];
for (const instruction of dockerfile.getInstructions()) {
  if (instruction instanceof From) stages.push({ from: instruction, instructions: [] });
  else stages.at(-1)?.instructions.push(instruction);
}
const runtime = stages.at(-1)!;
const inStage = (stage: Stage, keyword: string) =>
  stage.instructions.filter((i) => i.getKeyword() === keyword);
const args = (i: Instruction) => i.getArguments().map((a) => a.getValue());
const properties = (i: Instruction) =>
  i instanceof PropertyInstruction ? i.getProperties().map((p) => [p.getName(), p.getValue()] as const) : [];
const json = (i: Instruction) =>
  i instanceof JSONInstruction ? i.getJSONStrings().map((s) => s.getJSONValue()) : [];
const flag = (i: Instruction, name: string) =>
  i instanceof ModifiableInstruction
    ? i
        .getFlags()
        .find((f) => f.getName() === name)
        ?.getValue()
    : undefined;

// Every optional rule of the linter turned into an error.
const strict: ValidatorSettings = {
  deprecatedMaintainer: ValidationSeverity.ERROR,
  directiveCasing: ValidationSeverity.ERROR,
  emptyContinuationLine: ValidationSeverity.ERROR,
  instructionCasing: ValidationSeverity.ERROR,
  instructionCmdMultiple: ValidationSeverity.ERROR,
  instructionEntrypointMultiple: ValidationSeverity.ERROR,
  instructionHealthcheckMultiple: ValidationSeverity.ERROR,
  instructionJSONInSingleQuotes: ValidationSeverity.ERROR,
  instructionWorkdirRelative: ValidationSeverity.ERROR,
};

describe("Dockerfile", () => {
  it("has no findings under dockerfile-utils with every rule as an error", () => {
    expect(validate(source, strict)).toEqual([]);
  });

  it("uses a linter that does report problems under these settings", () => {
    const codes = validate("FROM node:24-bookworm-slim\nworkdir app\nEXPOSE 99999\n", strict).map(
      (d) => d.code,
    );
    expect(codes).toEqual(
      expect.arrayContaining([ValidationCode.CASING_INSTRUCTION, ValidationCode.WORKDIR_IS_NOT_ABSOLUTE]),
    );
  });

  it("is already in the formatter's layout", () => {
    expect(format(source, { insertSpaces: true, tabSize: 2 })).toEqual([]);
  });

  it("builds in one stage and runs from another", () => {
    expect(stages.map((s) => s.from.getBuildStage())).toEqual(["build", "runtime"]);
  });

  it("runs on the Node 24 LTS slim image", () => {
    expect(runtime.from.getImageName()).toBe("node");
    expect(runtime.from.getImageTag()).toMatch(/^24(\.\d+){0,2}-(bookworm|trixie)-slim$/);
  });

  it("pins every stage's base image by digest (tag kept beside it for Dependabot and readers)", () => {
    for (const stage of stages) {
      expect(stage.from.getImageDigest(), stage.from.getBuildStage() ?? "").toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(stage.from.getImageTag()).toBeTruthy();
    }
    expect(new Set(stages.map((s) => s.from.getImage())).size).toBe(1);
  });

  it("installs the build stage with scripts off, so the build needs neither DevRev's spec nor ../shared", () => {
    const build = stages[0]!;
    const runs = inStage(build, "RUN").map((r) => args(r).join(" "));
    expect(runs[0]).toMatch(/^npm ci --ignore-scripts /);
    // Nothing in the build points at the spec or fetches anything but npm packages.
    const instructions = dockerfile.getInstructions().map((i) => `${i.getKeyword()} ${args(i).join(" ")}`);
    expect(instructions.filter((i) => /DEVREV_OPENAPI|openapi|devrev\.ai|curl|wget/i.test(i))).toEqual([]);
    // Only package files before npm ci, so the install layer is cached across source changes.
    const beforeInstall = build.instructions.slice(
      0,
      build.instructions.findIndex((i) => i.getKeyword() === "RUN"),
    );
    const copied = beforeInstall
      .filter((i) => i.getKeyword() === "COPY")
      .flatMap((c) => args(c).slice(0, -1));
    expect(copied).toEqual(["package.json", "package-lock.json"]);
  });

  it("copies into the runtime only what `npm pack` produced in the build stage", () => {
    const copies = inStage(runtime, "COPY");
    expect(copies).toHaveLength(1);
    expect(flag(copies[0]!, "from")).toBe("build");
    expect(args(copies[0]!)).toEqual(["/pkg/", "./"]);
    const build = inStage(stages[0]!, "RUN").map((r) => args(r).join(" "));
    // Scripts on: prepack builds dist/ and strips the scripts the package cannot run.
    expect(build.join("\n")).toMatch(
      /npm pack --pack-destination \/tmp[^\n]*tar -xzf[^\n]*cp package-lock\.json \/pkg\//,
    );
    expect(build.join("\n")).not.toMatch(/npm pack[^\n]*--ignore-scripts/);
  });

  it("installs production dependencies from the lockfile without running scripts", () => {
    const runs = inStage(runtime, "RUN").map((r) => args(r).join(" "));
    expect(runs).toEqual([
      expect.stringMatching(/^npm ci --omit=dev --ignore-scripts /),
      // The compile-cache warm-up: it runs the built server only, and installs nothing.
      "node /app/dist/cli.js --version",
    ]);
  });

  it("builds V8's compile cache as the user the server runs as, where the runtime reads it", () => {
    const env = Object.fromEntries(inStage(runtime, "ENV").flatMap(properties));
    expect(env.NODE_COMPILE_CACHE).toBe("/app/.cache/node-compile");
    const order = runtime.instructions.map((i) => `${i.getKeyword()} ${args(i).join(" ")}`);
    const install = order.findIndex((l) => l.startsWith("RUN npm ci"));
    const user = order.findIndex((l) => l.startsWith("USER "));
    const warm = order.indexOf("RUN node /app/dist/cli.js --version");
    // 1000 is the base image's `node` user, the USER below.
    expect(order[install]).toContain("chown 1000:1000 /app/.cache/node-compile");
    expect(order[user]).toBe("USER node");
    // Node names the cache directory after the uid: warmed as root, it would never be read.
    expect(install).toBeLessThan(user);
    expect(user).toBeLessThan(warm);
  });

  it("runs as a non-root user", () => {
    const users = inStage(runtime, "USER").map((u) => args(u)[0]);
    expect(users).toHaveLength(1);
    expect(users[0]).not.toMatch(/^(root|0)(:|$)/);
  });

  it("exposes the port Cloud Run sends traffic to", () => {
    expect(inStage(runtime, "EXPOSE").map(args)).toEqual([[String(CONTAINER_PORT)]]);
  });

  it("starts streamable-http on all interfaces and leaves the port to PORT", () => {
    const [entrypoint] = inStage(runtime, "ENTRYPOINT").map(json);
    const [cmd] = inStage(runtime, "CMD").map(json);
    // The V8 memory flags the benchmark measured (docs/performance.md) start with production.
    expect(entrypoint).toEqual([
      "node",
      "--max-semi-space-size=4",
      "--heap-growing-percent=30",
      "/app/dist/cli.js",
    ]);
    expect(cmd).toEqual(["--transport", "streamable-http", "--host", "0.0.0.0"]);
    const env = Object.fromEntries(inStage(runtime, "ENV").flatMap(properties));
    expect(env).toMatchObject({
      MCP_TRANSPORT: "streamable-http",
      MCP_HOST: "0.0.0.0",
      NODE_ENV: "production",
    });
    expect(env).not.toHaveProperty("PORT");
    expect(env).not.toHaveProperty("MCP_PORT");
  });

  it("bakes no secrets into any stage", () => {
    const names = dockerfile
      .getInstructions()
      .filter((i) => ["ENV", "ARG"].includes(i.getKeyword()))
      .flatMap(properties)
      .map(([name]) => name);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).not.toMatch(/TOKEN|SECRET|PASSWORD|PASSWD|KEY|CREDENTIAL/i);
  });

  it("labels the image with OCI annotations", () => {
    const labels = Object.fromEntries(inStage(runtime, "LABEL").flatMap(properties));
    for (const key of ["title", "description", "licenses", "version", "revision"]) {
      expect(labels[`org.opencontainers.image.${key}`]).toBeTruthy();
    }
  });
});

describe(".dockerignore", () => {
  const ignored = readFileSync(new URL(".dockerignore", root), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));

  it("keeps tests, infra output, local state and secrets out of the build context", () => {
    for (const entry of [
      "test",
      "cdktf.out",
      "*.tfstate*",
      ".env",
      "**/node_modules",
      "dist",
      ".git",
      "coverage",
    ]) {
      expect(ignored).toContain(entry);
    }
  });

  it("keeps what the build stage and npm pack need", () => {
    for (const kept of ["app", "scripts", "package.json", "package-lock.json", "README.md", "LICENSE"]) {
      expect(ignored).not.toContain(kept);
    }
  });
});
