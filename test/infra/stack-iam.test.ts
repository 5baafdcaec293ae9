import { beforeAll, describe, expect, it } from "vitest";
import { RUNTIME_PROJECT_ROLES } from "../../infra/constructs/runtime-identity.js";
import { GITHUB_OIDC_ISSUER, WIF_POOL_ID, WIF_PROVIDER_ID } from "../../infra/names.js";
import { type Synthesized, synthStack, type TfBlock } from "./helpers/synth.js";

const IAM_TYPES = /^google_.*_iam_(member|binding|policy)$/;

let stack: Synthesized;
let runtime: TfBlock;
let deployer: TfBlock;
let runtimeMember: string;
let deployerMember: string;

beforeAll(() => {
  // static-token mode, so the secret grants are part of what is checked
  stack = synthStack({ DEPLOY_AUTH_MODE: "static-token" });
  const accounts = stack.all("google_service_account");
  runtime = accounts.find((a) => a.account_id === "devrev-mcp-runtime")!;
  deployer = accounts.find((a) => a.account_id === "devrev-mcp-deployer")!;
  runtimeMember = `serviceAccount:${stack.ref("google_service_account", runtime, "email")}`;
  deployerMember = `serviceAccount:${stack.ref("google_service_account", deployer, "email")}`;
});

const projectGrants = () => stack.all("google_project_iam_member");
const allGrants = () =>
  Object.keys(stack.json.resource)
    .filter((type) => IAM_TYPES.test(type))
    .flatMap((type) => stack.all(type));

describe("least privilege", () => {
  it("grants no owner, editor or other basic role anywhere", () => {
    for (const grant of allGrants()) {
      expect(grant.role).not.toMatch(/^roles\/(owner|editor|viewer)$/);
    }
  });

  it("never grants secret access project-wide", () => {
    for (const grant of projectGrants()) expect(grant.role).not.toMatch(/secretmanager/);
  });

  it("uses additive members only, never authoritative bindings or policies", () => {
    const types = Object.keys(stack.json.resource).filter((type) => IAM_TYPES.test(type));
    expect(types.every((t) => t.endsWith("_iam_member"))).toBe(true);
  });
});

describe("RuntimeIdentity", () => {
  it("is a dedicated service account", () => {
    expect(runtime).toMatchObject({ project: "acme-mcp-prod", account_id: "devrev-mcp-runtime" });
  });

  it("holds only telemetry writer roles on the project", () => {
    const roles = projectGrants()
      .filter((g) => g.member === runtimeMember)
      .map((g) => g.role);
    expect(roles.sort()).toEqual([...RUNTIME_PROJECT_ROLES].sort());
  });

  it("reads exactly the two named secrets, each through its own grant", () => {
    const secrets = stack.all("google_secret_manager_secret");
    const grants = stack.all("google_secret_manager_secret_iam_member");
    expect(grants).toHaveLength(2);
    for (const grant of grants) {
      expect(grant).toMatchObject({ role: "roles/secretmanager.secretAccessor", member: runtimeMember });
    }
    const granted = grants.map((g) => g.secret_id);
    expect(granted.sort()).toEqual(
      secrets.map((s) => stack.ref("google_secret_manager_secret", s, "secret_id")).sort(),
    );
  });
});

describe("GithubDeployer", () => {
  it("trusts GitHub's OIDC issuer through a dedicated pool", () => {
    expect(stack.one("google_iam_workload_identity_pool")).toMatchObject({
      workload_identity_pool_id: WIF_POOL_ID,
    });
    expect(stack.one("google_iam_workload_identity_pool_provider")).toMatchObject({
      workload_identity_pool_provider_id: WIF_PROVIDER_ID,
      oidc: { issuer_uri: GITHUB_OIDC_ISSUER },
    });
  });

  it("maps the token claims and pins tokens to the repository", () => {
    const provider = stack.one("google_iam_workload_identity_pool_provider");
    expect(provider.attribute_mapping).toMatchObject({
      "google.subject": "assertion.sub",
      "attribute.repository": "assertion.repository",
    });
    expect(provider.attribute_condition).toBe("assertion.repository == 'acme/devrev-mcp-server'");
  });

  it("lets only that repository impersonate the deployer", () => {
    const pool = stack.one("google_iam_workload_identity_pool");
    const grants = stack
      .all("google_service_account_iam_member")
      .filter((g) => g.role === "roles/iam.workloadIdentityUser");
    expect(grants).toEqual([
      expect.objectContaining({
        service_account_id: stack.ref("google_service_account", deployer, "name"),
        member: `principalSet://iam.googleapis.com/${stack.ref("google_iam_workload_identity_pool", pool, "name")}/attribute.repository/acme/devrev-mcp-server`,
      }),
    ]);
  });

  it("may push images to this repository only", () => {
    const repo = stack.one("google_artifact_registry_repository");
    expect(stack.one("google_artifact_registry_repository_iam_member")).toMatchObject({
      role: "roles/artifactregistry.writer",
      member: deployerMember,
      repository: stack.ref("google_artifact_registry_repository", repo, "repository_id"),
    });
  });

  it("may roll this service only", () => {
    const service = stack.one("google_cloud_run_v2_service");
    const developer = stack
      .all("google_cloud_run_v2_service_iam_member")
      .filter((g) => g.member === deployerMember);
    expect(developer).toEqual([
      expect.objectContaining({
        role: "roles/run.developer",
        name: stack.ref("google_cloud_run_v2_service", service, "name"),
      }),
    ]);
  });

  it("may act as the runtime account only", () => {
    const users = stack
      .all("google_service_account_iam_member")
      .filter((g) => g.role === "roles/iam.serviceAccountUser");
    expect(users).toEqual([
      expect.objectContaining({
        member: deployerMember,
        service_account_id: stack.ref("google_service_account", runtime, "name"),
      }),
    ]);
    expect(projectGrants().map((g) => g.role)).not.toContain("roles/iam.serviceAccountUser");
  });

  it("holds no project-wide role beyond writing build logs", () => {
    const roles = projectGrants()
      .filter((g) => g.member === deployerMember)
      .map((g) => g.role);
    expect(roles).toEqual(["roles/logging.logWriter"]);
  });
});

describe("CloudBuildAccess", () => {
  it("gives builds a private, self-cleaning source bucket the deployer can read", () => {
    const bucket = stack.one("google_storage_bucket");
    expect(bucket).toMatchObject({
      name: "acme-mcp-prod-devrev-mcp-build-src",
      uniform_bucket_level_access: true,
      public_access_prevention: "enforced",
      lifecycle_rule: [{ action: { type: "Delete" }, condition: { age: 7 } }],
    });
    expect(stack.one("google_storage_bucket_iam_member")).toMatchObject({
      role: "roles/storage.objectViewer",
      member: deployerMember,
      bucket: stack.ref("google_storage_bucket", bucket, "name"),
    });
  });
});
