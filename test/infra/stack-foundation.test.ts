import { beforeAll, describe, expect, it } from "vitest";
import { REQUIRED_APIS } from "../../infra/constructs/project-apis.js";
import { IMAGE_NAME, IMAGES_KEPT, STACK_NAME } from "../../infra/names.js";
import { NAMES, PROJECT_NUMBER, type Synthesized, synthStack } from "./helpers/synth.js";

const ARTIFACT_REPO_ID = NAMES.artifactRepositoryId;

let stack: Synthesized;
beforeAll(() => {
  stack = synthStack();
});

describe("provider and state", () => {
  it("targets the configured project and region", () => {
    expect(stack.json.provider.google[0]).toMatchObject({ project: "acme-mcp-prod", region: "us-central1" });
  });

  it("keeps state in the configured bucket", () => {
    expect(stack.json.terraform.backend).toEqual({
      gcs: { bucket: "acme-mcp-prod-tfstate", prefix: `${STACK_NAME}/production` },
    });
  });

  it("keeps state locally, outside cdktf.out, only when chosen explicitly", () => {
    const local = synthStack({ DEPLOY_STATE_BUCKET: "", DEPLOY_LOCAL_STATE: "true" });
    expect(Object.keys(local.json.terraform.backend)).toEqual(["local"]);
    const path = String(local.json.terraform.backend.local?.path);
    expect(path).toMatch(new RegExp(`/terraform\\.${STACK_NAME}-production\\.tfstate$`));
    expect(path).not.toContain("cdktf.out");
    expect(local.json.output.state_backend?.value).toBe("local");
  });
});

describe("project APIs", () => {
  it("enables every API the stack uses and leaves them on when destroyed", () => {
    const services = stack.all("google_project_service");
    expect(services.map((s) => s.service).sort()).toEqual([...REQUIRED_APIS].sort());
    for (const s of services) {
      expect(s).toMatchObject({ project: "acme-mcp-prod", disable_on_destroy: false });
    }
  });

  it("makes resources wait for the APIs they need", () => {
    const runApi = stack.all("google_project_service").find((s) => s.service === "run.googleapis.com")!;
    const service = stack.one("google_cloud_run_v2_service");
    expect(service.depends_on).toContain(stack.address("google_project_service", runApi));
  });
});

describe("ArtifactRepo", () => {
  it("is a docker repository in the service's region", () => {
    expect(stack.one("google_artifact_registry_repository")).toMatchObject({
      repository_id: ARTIFACT_REPO_ID,
      format: "DOCKER",
      location: "us-central1",
      cleanup_policy_dry_run: false,
      // A release tag can never be re-pointed at other content.
      docker_config: { immutable_tags: true },
    });
  });

  it("keeps the newest images and deletes old untagged and old tagged ones", () => {
    const policies = stack.one("google_artifact_registry_repository").cleanup_policies;
    expect(policies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: "KEEP",
          most_recent_versions: { keep_count: IMAGES_KEPT, package_name_prefixes: [IMAGE_NAME] },
        }),
        expect.objectContaining({
          action: "DELETE",
          condition: expect.objectContaining({ tag_state: "UNTAGGED", older_than: "604800s" }),
        }),
        expect.objectContaining({
          action: "DELETE",
          condition: expect.objectContaining({ tag_state: "TAGGED" }),
        }),
      ]),
    );
  });
});

describe("outputs", () => {
  it("gives the service URL from the deterministic run.app name", () => {
    expect(stack.json.output.service_url?.value).toBe(
      `https://devrev-mcp-production-${PROJECT_NUMBER}.us-central1.run.app`,
    );
  });

  it("gives the image repository URL", () => {
    expect(stack.json.output.image_repository?.value).toBe(
      `us-central1-docker.pkg.dev/acme-mcp-prod/${ARTIFACT_REPO_ID}/${IMAGE_NAME}`,
    );
  });

  it("gives the WIF provider resource name and the deployer e-mail for the GitHub workflow", () => {
    const provider = stack.one("google_iam_workload_identity_pool_provider");
    const deployer = stack
      .all("google_service_account")
      .find((a) => a.account_id === NAMES.deployerAccountId)!;
    expect(stack.json.output.workload_identity_provider?.value).toBe(
      stack.ref("google_iam_workload_identity_pool_provider", provider, "name"),
    );
    expect(stack.json.output.deployer_service_account?.value).toBe(
      stack.ref("google_service_account", deployer, "email"),
    );
  });

  it("gives the Cloud Build source bucket", () => {
    expect(stack.json.output.build_source_bucket?.value).toMatch(/^\$\{google_storage_bucket\..+\.name\}$/);
  });
});
