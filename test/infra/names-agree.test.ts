import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  CANDIDATE_TAG,
  CONTAINER_PORT,
  DEFAULT_ENVIRONMENT,
  DEFAULT_REGION,
  deploymentNames,
  HEALTH_PATH,
  IMAGE_NAME,
  imageRepositoryUrl,
} from "../../infra/names.js";
import { NAMES, type Synthesized, synthStack } from "./helpers/synth.js";

interface CloudBuild {
  substitutions: Record<string, string>;
  options: Record<string, unknown>;
  steps: { id: string; name: string; entrypoint?: string; args: string[]; env?: string[] }[];
}
interface ComposeService {
  build?: { context: string };
  image: string;
  command?: string[];
  ports: string[];
  profiles?: string[];
  healthcheck: { test: string[] };
}

const readYaml = (file: string) =>
  parse(readFileSync(new URL(`../../${file}`, import.meta.url), "utf8"), { merge: true });
const cloudBuild = readYaml("cloudbuild.yaml") as CloudBuild;
const compose = readYaml("docker-compose.yml") as { services: Record<string, ComposeService> };
const step = (id: string) => cloudBuild.steps.find((s) => s.id === id)!;
/** A Cloud Build substitution reference as written in the YAML. */
const sub = (name: string) => "$" + `{${name}}`;
const IMAGE_PATH = `${sub("_REGION")}-docker.pkg.dev/${sub("PROJECT_ID")}/${sub("_REPOSITORY")}/${sub("_IMAGE")}`;
/** Expands a value as Cloud Build would (dynamic substitutions), with the defaults plus `extra`. */
const expand = (value: string, extra: Record<string, string> = {}) => {
  const values: Record<string, string> = { ...cloudBuild.substitutions, ...extra };
  let out = value;
  for (let i = 0; i < 3; i++) out = out.replace(/\$\{([A-Z_]+)\}/g, (m, name: string) => values[name] ?? m);
  return out;
};
/** A step's bash script as Cloud Build hands it to bash: substitutions expanded, `$$` unescaped. */
const script = (id: string, extra: Record<string, string>) =>
  expand(step(id).args[1]!, extra).replace(/\$\$/g, "$");

let stack: Synthesized;
beforeAll(() => {
  stack = synthStack();
});

describe("cloudbuild.yaml agrees with infra/names.ts and the stack", () => {
  it("defaults to the stack's environment, region, repository, image, service and tag", () => {
    expect(cloudBuild.substitutions).toMatchObject({
      _ENVIRONMENT: DEFAULT_ENVIRONMENT,
      _REGION: DEFAULT_REGION,
      _IMAGE: IMAGE_NAME,
      _CANDIDATE_TAG: CANDIDATE_TAG,
    });
    expect(expand(sub("_REPOSITORY"))).toBe(NAMES.artifactRepositoryId);
    expect(expand(sub("_SERVICE"))).toBe(NAMES.serviceName);
    expect(stack.one("google_artifact_registry_repository")).toMatchObject({
      repository_id: expand(sub("_REPOSITORY")),
      location: cloudBuild.substitutions._REGION,
    });
    expect(stack.one("google_cloud_run_v2_service")).toMatchObject({
      name: expand(sub("_SERVICE")),
      location: cloudBuild.substitutions._REGION,
    });
    // Another environment: every derived name follows _ENVIRONMENT.
    const staging = deploymentNames("staging", "p");
    expect(expand(sub("_SERVICE"), { _ENVIRONMENT: "staging" })).toBe(staging.serviceName);
    expect(expand(sub("_REPOSITORY"), { _ENVIRONMENT: "staging" })).toBe(staging.artifactRepositoryId);
  });

  it("pushes to the image repository the stack outputs", () => {
    expect(script("build", { PROJECT_ID: "acme-mcp-prod" })).toContain(
      `image="${imageRepositoryUrl(DEFAULT_REGION, "acme-mcp-prod", NAMES.artifactRepositoryId)}"`,
    );
    expect(stack.json.output.image_repository?.value).toBe(
      imageRepositoryUrl(DEFAULT_REGION, "acme-mcp-prod", NAMES.artifactRepositoryId),
    );
    expect(step("build").args[1]).toContain(IMAGE_PATH);
  });

  it("releases by digest to a no-traffic candidate, smoke-tests its tag URL, then moves traffic", () => {
    expect(cloudBuild.steps.map((s) => s.id)).toEqual([
      "clean-tree",
      "build",
      "candidate",
      "smoke",
      "promote",
    ]);
    const build = script("build", {});
    expect(build).toMatch(/docker build --pull/);
    expect(build).toContain('--build-arg REVISION="$(cat .release-commit)"');
    expect(build).not.toMatch(/:latest/); // tags are immutable; one per build
    expect(build).toContain("{{index .RepoDigests 0}}");
    const candidate = script("candidate", {});
    expect(candidate).toMatch(/gcloud run services update .* --image "\$\(cat \.release-image\)"/s);
    expect(candidate).toMatch(/--no-traffic --tag "candidate"/);
    expect(candidate).not.toMatch(/update-traffic|--to-latest/);
    const smoke = script("smoke", { PROJECT_NUMBER: "123" });
    expect(smoke).toContain('url="https://candidate---devrev-mcp-production-123.us-central1.run.app"');
    expect(smoke).toContain(`$url${HEALTH_PATH}`);
    expect(script("promote", {})).toMatch(
      /update-traffic .* --to-revisions "\$\(cat \.release-revision\)=100"/s,
    );
  });

  it("logs to its own bucket, so the builder needs no project-wide log role", () => {
    expect(cloudBuild.options).toMatchObject({ logging: "GCS_ONLY", dynamicSubstitutions: true });
  });

  it("refuses a dirty tree and records the commit (the clean-tree step, run on real repositories)", () => {
    const dir = mkdtempSync(join(tmpdir(), "devrev-mcp-cloudbuild-"));
    const home = mkdtempSync(join(tmpdir(), "devrev-mcp-cloudbuild-home-"));
    const git = (...args: string[]) =>
      execFileSync("git", ["-C", dir, ...args], {
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: "t",
          GIT_AUTHOR_EMAIL: "t@e",
          GIT_COMMITTER_NAME: "t",
          GIT_COMMITTER_EMAIL: "t@e",
        },
      });
    // Runs in `dir` as /workspace, with its own HOME (as Cloud Build's /builder/home).
    const run = () =>
      spawnSync("bash", ["-c", script("clean-tree", {}).replaceAll("/workspace", dir)], {
        cwd: dir,
        env: { PATH: process.env.PATH, HOME: home, BUILD_ID: "0123456789abcdef" },
        encoding: "utf8",
      });
    try {
      expect(run().status).toBe(1); // not a repository at all
      git("init", "-q");
      writeFileSync(join(dir, "a.txt"), "one\n");
      git("add", "a.txt");
      git("commit", "-q", "-m", "one");
      const clean = run();
      expect(clean.status, clean.stderr).toBe(0);
      const commit = git("rev-parse", "HEAD").toString().trim();
      expect(readFileSync(join(dir, ".release-commit"), "utf8").trim()).toBe(commit);
      expect(readFileSync(join(dir, ".release-tag"), "utf8").trim()).toBe(`${commit.slice(0, 12)}-01234567`);
      rmSync(join(dir, ".release-commit"));
      rmSync(join(dir, ".release-tag"));
      writeFileSync(join(dir, "a.txt"), "changed\n");
      const dirty = run();
      expect(dirty.status).toBe(1);
      expect(dirty.stderr).toContain("refusing to build: the tree has uncommitted changes");
      expect(dirty.stderr).toContain("a.txt");
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("uploads .git (for the clean-tree step) and nothing git ignores", () => {
    const ignore = readFileSync(new URL("../../.gcloudignore", import.meta.url), "utf8");
    expect(ignore).toMatch(/^#!include:\.gitignore$/m);
    expect(ignore).not.toMatch(/^\.git\/?$/m);
  });
});

describe("docker-compose.yml agrees with the image", () => {
  it("builds the image from this repository under the image's name", () => {
    for (const service of Object.values(compose.services)) {
      expect(service.build?.context).toBe(".");
      expect(service.image.split(":")[0]).toBe(IMAGE_NAME);
    }
  });

  it("publishes the container port on loopback only", () => {
    for (const service of Object.values(compose.services)) {
      expect(service.ports).toHaveLength(1);
      expect(service.ports[0]).toMatch(new RegExp(`^127\\.0\\.0\\.1:\\d+:${CONTAINER_PORT}$`));
    }
  });

  it("checks health on the path Cloud Run probes, with node since the image has no curl", () => {
    for (const service of Object.values(compose.services)) {
      const [kind, binary, , script] = service.healthcheck.test;
      expect([kind, binary]).toEqual(["CMD", "node"]);
      expect(script).toContain(HEALTH_PATH);
      expect(script).toContain(String(CONTAINER_PORT));
    }
  });

  it("offers the sandbox as an opt-in profile", () => {
    expect(compose.services.server?.profiles).toBeUndefined();
    expect(compose.services.sandbox?.profiles).toEqual(["sandbox"]);
    expect(compose.services.sandbox?.command).toContain("--sandbox");
  });
});
