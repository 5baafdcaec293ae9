import { beforeAll, describe, expect, it } from "vitest";
import {
  INFRA_APPLY_ROLES,
  INFRA_PLAN_ROLES,
  SECRET_CONTAINER_PERMISSIONS,
} from "../../infra/constructs/infra-pipeline.js";
import { GITHUB_OIDC_ISSUER, WIF_PROVIDER_ID } from "../../infra/names.js";
import { NAMES, type Synthesized, synthStack, type TfBlock } from "./helpers/synth.js";

const IAM_TYPES = /^google_.*_iam_(member|binding|policy)$/;

let stack: Synthesized;
let runtime: TfBlock;
let deployer: TfBlock;
let builder: TfBlock;
let runtimeMember: string;
let deployerMember: string;
let builderMember: string;
const memberOf = (account: TfBlock) =>
  `serviceAccount:${stack.ref("google_service_account", account, "email")}`;
const account = (id: string) => stack.all("google_service_account").find((a) => a.account_id === id)!;

beforeAll(() => {
  // static-token mode, so the secret grants are part of what is checked
  stack = synthStack({ DEPLOY_AUTH_MODE: "static-token" });
  runtime = account(NAMES.runtimeAccountId);
  deployer = account(NAMES.deployerAccountId);
  builder = account(NAMES.builderAccountId);
  runtimeMember = memberOf(runtime);
  deployerMember = memberOf(deployer);
  builderMember = memberOf(builder);
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

  it("never grants access to secret values project-wide", () => {
    for (const grant of projectGrants()) {
      expect(grant.role).not.toMatch(/^roles\/secretmanager\.(admin|secretAccessor)$/);
    }
    for (const role of stack.all("google_project_iam_custom_role")) {
      expect(role.permissions).not.toContain("secretmanager.versions.access");
    }
  });

  it("uses additive members only, never authoritative bindings or policies", () => {
    const types = Object.keys(stack.json.resource).filter((type) => IAM_TYPES.test(type));
    expect(types.every((t) => t.endsWith("_iam_member"))).toBe(true);
  });
});

describe("RuntimeIdentity", () => {
  it("is a dedicated service account", () => {
    expect(runtime).toMatchObject({ project: "acme-mcp-prod", account_id: "devrev-mcp-production-runtime" });
  });

  it("holds no project role: the app calls no Google API (Cloud Run collects its stdout)", () => {
    expect(projectGrants().filter((g) => g.member === runtimeMember)).toEqual([]);
    const grants = allGrants().filter((g) => g.member === runtimeMember);
    expect(grants.map((g) => g.role)).toEqual(grants.map(() => "roles/secretmanager.secretAccessor"));
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

describe("GitHub trust (Workload Identity Federation)", () => {
  it("trusts GitHub's OIDC issuer through a pool of this environment", () => {
    expect(stack.one("google_iam_workload_identity_pool")).toMatchObject({
      workload_identity_pool_id: NAMES.workloadIdentityPoolId,
      description: "GitHub Actions of acme/devrev-mcp-server (id 812345678)",
    });
    expect(stack.one("google_iam_workload_identity_pool_provider")).toMatchObject({
      workload_identity_pool_provider_id: WIF_PROVIDER_ID,
      oidc: { issuer_uri: GITHUB_OIDC_ISSUER },
    });
  });

  it("maps the numeric ids and the environment, and accepts only this environment's jobs", () => {
    const provider = stack.one("google_iam_workload_identity_pool_provider");
    expect(provider.attribute_mapping).toMatchObject({
      "google.subject": "assertion.sub",
      "attribute.repository_id": "assertion.repository_id",
      "attribute.repository_owner_id": "assertion.repository_owner_id",
      "attribute.environment": "assertion.environment",
    });
    expect(provider.attribute_condition).toBe(
      "assertion.repository_id == '812345678' && assertion.repository_owner_id == '4567890'" +
        " && assertion.environment in ['production', 'production-infra', 'production-plan']",
    );
    expect(provider.attribute_condition).not.toContain("assertion.repository ==");
  });

  it("binds each GitHub environment to exactly one account", () => {
    const pool = stack.one("google_iam_workload_identity_pool");
    const poolName = stack.ref("google_iam_workload_identity_pool", pool, "name");
    const grants = stack
      .all("google_service_account_iam_member")
      .filter((g) => g.role === "roles/iam.workloadIdentityUser")
      .map((g) => [g.member, g.service_account_id]);
    const bound = (env: string, id: string) => [
      `principalSet://iam.googleapis.com/${poolName}/attribute.environment/${env}`,
      stack.ref("google_service_account", account(id), "name"),
    ];
    expect(grants.sort()).toEqual(
      [
        bound("production", NAMES.deployerAccountId),
        bound("production-infra", NAMES.infraAccountId),
        bound("production-plan", NAMES.planAccountId),
      ].sort(),
    );
  });
});

describe.each([
  ["deployer (GitHub Actions)", () => deployerMember],
  ["builder (Cloud Build)", () => builderMember],
])("%s", (_name, member) => {
  it("may push images to this repository only", () => {
    const repo = stack.one("google_artifact_registry_repository");
    expect(
      stack.all("google_artifact_registry_repository_iam_member").filter((g) => g.member === member()),
    ).toEqual([
      expect.objectContaining({
        role: "roles/artifactregistry.writer",
        repository: stack.ref("google_artifact_registry_repository", repo, "repository_id"),
      }),
    ]);
  });

  it("may roll this service only", () => {
    const service = stack.one("google_cloud_run_v2_service");
    const developer = stack
      .all("google_cloud_run_v2_service_iam_member")
      .filter((g) => g.member === member());
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
      .filter((g) => g.role === "roles/iam.serviceAccountUser" && g.member === member());
    expect(users).toEqual([
      expect.objectContaining({ service_account_id: stack.ref("google_service_account", runtime, "name") }),
    ]);
    expect(projectGrants().map((g) => g.role)).not.toContain("roles/iam.serviceAccountUser");
  });

  it("holds no project-wide role at all: it cannot write the log entries audit alerts read", () => {
    expect(projectGrants().filter((g) => g.member === member())).toEqual([]);
  });
});

describe("infrastructure pipeline identities", () => {
  const rolesOf = (id: string) =>
    projectGrants()
      .filter((g) => g.member === memberOf(account(id)))
      .map((g) => g.role)
      .sort();

  it("apply holds the admin roles for what the stack manages, no basic role", () => {
    const role = stack.one("google_project_iam_custom_role");
    expect(rolesOf(NAMES.infraAccountId)).toEqual(
      [...INFRA_APPLY_ROLES, stack.ref("google_project_iam_custom_role", role, "name")].sort(),
    );
  });

  it("apply manages secret containers through a custom role that cannot read values", () => {
    expect(stack.one("google_project_iam_custom_role")).toMatchObject({
      role_id: NAMES.secretsRoleId,
      permissions: [...SECRET_CONTAINER_PERMISSIONS],
    });
  });

  it("plan only reads: no admin, editor, writer or secret accessor role", () => {
    const roles = rolesOf(NAMES.planAccountId);
    expect(roles).toEqual([...INFRA_PLAN_ROLES].sort());
    for (const role of roles) expect(role).not.toMatch(/admin|editor|writer|secretAccessor|objectCreator/i);
  });

  it("are not the deployer or the builder", () => {
    const ids = stack.all("google_service_account").map((a) => a.account_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(
      [
        NAMES.runtimeAccountId,
        NAMES.deployerAccountId,
        NAMES.builderAccountId,
        NAMES.infraAccountId,
        NAMES.planAccountId,
      ].sort(),
    );
  });
});

describe("CloudBuildAccess", () => {
  const bucket = (name: string) => stack.all("google_storage_bucket").find((b) => b.name === name)!;

  it("gives builds a private, self-cleaning source bucket only the builder reads", () => {
    const sources = bucket(NAMES.buildSourceBucket);
    expect(sources).toMatchObject({
      name: "acme-mcp-prod-devrev-mcp-production-build-src",
      uniform_bucket_level_access: true,
      public_access_prevention: "enforced",
      lifecycle_rule: [{ action: { type: "Delete" }, condition: { age: 7 } }],
    });
    const grants = stack
      .all("google_storage_bucket_iam_member")
      .filter((g) => g.bucket === stack.ref("google_storage_bucket", sources, "name"));
    expect(grants).toEqual([
      expect.objectContaining({ role: "roles/storage.objectViewer", member: builderMember }),
    ]);
  });

  it("gives build logs their own bucket, so the builder needs no project-wide logWriter", () => {
    const logs = bucket(NAMES.buildLogsBucket);
    expect(logs).toMatchObject({ uniform_bucket_level_access: true, public_access_prevention: "enforced" });
    const grants = stack
      .all("google_storage_bucket_iam_member")
      .filter((g) => g.bucket === stack.ref("google_storage_bucket", logs, "name"));
    expect(grants).toEqual([
      expect.objectContaining({ role: "roles/storage.objectAdmin", member: builderMember }),
    ]);
    expect(allGrants().filter((g) => g.role === "roles/logging.logWriter")).toEqual([]);
  });
});
