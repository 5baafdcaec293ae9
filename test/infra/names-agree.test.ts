import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  ARTIFACT_REPO_ID,
  CONTAINER_PORT,
  DEFAULT_REGION,
  DEFAULT_SERVICE_NAME,
  HEALTH_PATH,
  IMAGE_NAME,
  imageRepositoryUrl,
} from "../../infra/names.js";
import { type Synthesized, synthStack } from "./helpers/synth.js";

interface CloudBuild {
  substitutions: Record<string, string>;
  options: Record<string, unknown>;
  steps: { id: string; name: string; args: string[] }[];
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

let stack: Synthesized;
beforeAll(() => {
  stack = synthStack();
});

describe("cloudbuild.yaml agrees with infra/names.ts and the stack", () => {
  it("defaults to the stack's region, repository, image and service", () => {
    expect(cloudBuild.substitutions).toMatchObject({
      _REGION: DEFAULT_REGION,
      _REPOSITORY: ARTIFACT_REPO_ID,
      _IMAGE: IMAGE_NAME,
      _SERVICE: DEFAULT_SERVICE_NAME,
    });
    expect(stack.one("google_artifact_registry_repository")).toMatchObject({
      repository_id: cloudBuild.substitutions._REPOSITORY,
      location: cloudBuild.substitutions._REGION,
    });
    expect(stack.one("google_cloud_run_v2_service")).toMatchObject({
      name: cloudBuild.substitutions._SERVICE,
      location: cloudBuild.substitutions._REGION,
    });
  });

  it("pushes to the image repository the stack outputs", () => {
    const expanded = IMAGE_PATH.replace(sub("_REGION"), DEFAULT_REGION)
      .replace(sub("PROJECT_ID"), "acme-mcp-prod")
      .replace(sub("_REPOSITORY"), ARTIFACT_REPO_ID)
      .replace(sub("_IMAGE"), IMAGE_NAME);
    expect(expanded).toBe(imageRepositoryUrl(DEFAULT_REGION, "acme-mcp-prod"));
    expect(stack.json.output.image_repository?.value).toBe(expanded);
  });

  it("tags with the build tag and latest, pushes both, then rolls the service to the tag", () => {
    expect(step("build").args).toEqual(
      expect.arrayContaining([`--tag=${IMAGE_PATH}:${sub("_TAG")}`, `--tag=${IMAGE_PATH}:latest`]),
    );
    expect(step("push").args).toEqual(["push", "--all-tags", IMAGE_PATH]);
    expect(step("deploy").args).toEqual([
      "run",
      "services",
      "update",
      sub("_SERVICE"),
      `--image=${IMAGE_PATH}:${sub("_TAG")}`,
      `--region=${sub("_REGION")}`,
      "--quiet",
    ]);
    expect(cloudBuild.steps.map((s) => s.id)).toEqual(["build", "push", "deploy"]);
  });

  it("can run as the deployer account, which needs logs in Cloud Logging", () => {
    expect(cloudBuild.options).toMatchObject({ logging: "CLOUD_LOGGING_ONLY", dynamicSubstitutions: true });
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
