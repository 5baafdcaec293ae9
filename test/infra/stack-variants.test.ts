import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { synthesize } from "../../infra/app.js";
import { IAM_PROPAGATION } from "../../infra/constructs/service-secrets.js";
import { deploymentNames } from "../../infra/names.js";
import {
  BASE_ENV,
  NAMES,
  PROJECT_NUMBER,
  type Synthesized,
  synthStack,
  type TfBlock,
} from "./helpers/synth.js";

const SECRET_DEVREV_API_TOKEN = NAMES.secrets.devrevApiToken;
const SECRET_MCP_AUTH_TOKEN = NAMES.secrets.mcpAuthToken;

const containerOf = (service: TfBlock) =>
  ((service.template as TfBlock).containers as { env: { name: string; value_source?: unknown }[] }[])[0]!;

describe("static-token mode", () => {
  let stack: Synthesized;
  let service: TfBlock;
  let secrets: TfBlock[];
  beforeAll(() => {
    stack = synthStack({ DEPLOY_AUTH_MODE: "static-token", DEPLOY_ALLOWED_DOMAINS: "" });
    service = stack.one("google_cloud_run_v2_service");
    secrets = stack.all("google_secret_manager_secret");
  });
  const ref = (secretId: string) =>
    stack.ref("google_secret_manager_secret", secrets.find((s) => s.secret_id === secretId)!, "secret_id");

  it("creates both secret containers, protected, without any value", () => {
    expect(secrets.map((s) => s.secret_id).sort()).toEqual([SECRET_DEVREV_API_TOKEN, SECRET_MCP_AUTH_TOKEN]);
    for (const s of secrets)
      expect(s).toMatchObject({ deletion_protection: true, replication: { auto: {} } });
    expect(stack.all("google_secret_manager_secret_version")).toEqual([]);
  });

  it("passes the latest versions to the server as environment variables", () => {
    const env = containerOf(service).env;
    expect(env).toContainEqual({
      name: "DEVREV_API_TOKEN",
      value_source: { secret_key_ref: { secret: ref(SECRET_DEVREV_API_TOKEN), version: "latest" } },
    });
    expect(env).toContainEqual({
      name: "MCP_AUTH_TOKEN",
      value_source: { secret_key_ref: { secret: ref(SECRET_MCP_AUTH_TOKEN), version: "latest" } },
    });
    expect(env).toContainEqual({ name: "MCP_AUTH_MODE", value: "static-token" });
  });

  it("starts revisions only after the runtime account may read the secrets, and IAM has propagated", () => {
    const grants = stack.all("google_secret_manager_secret_iam_member");
    expect(grants).toHaveLength(2);
    for (const grant of grants) {
      expect(service.depends_on).toContain(stack.address("google_secret_manager_secret_iam_member", grant));
    }
    const sleep = stack.one("time_sleep");
    expect(sleep.create_duration).toBe(IAM_PROPAGATION);
    expect(sleep.depends_on).toEqual(
      grants.map((g) => stack.address("google_secret_manager_secret_iam_member", g)),
    );
    expect(service.depends_on).toContain(stack.address("time_sleep", sleep));
    expect(Object.keys(stack.json.provider)).toContain("time");
  });
});

describe("OAuth door (devrev-pat with DEPLOY_OAUTH)", () => {
  let stack: Synthesized;
  beforeAll(() => {
    stack = synthStack({ DEPLOY_OAUTH: "true", DEPLOY_ALLOWED_ORGS: "devo/0,don:identity:dvrv-us-1:devo/7" });
  });

  it("creates only the key-set secret, readable only by the runtime account, mounted as MCP_OAUTH_KEYS", () => {
    const secret = stack.one("google_secret_manager_secret");
    expect(secret).toMatchObject({ secret_id: NAMES.secrets.oauthKeys, deletion_protection: true });
    const runtime = stack.all("google_service_account").find((a) => a.account_id === NAMES.runtimeAccountId)!;
    expect(stack.all("google_secret_manager_secret_iam_member")).toEqual([
      expect.objectContaining({
        secret_id: stack.ref("google_secret_manager_secret", secret, "secret_id"),
        role: "roles/secretmanager.secretAccessor",
        member: `serviceAccount:${stack.ref("google_service_account", runtime, "email")}`,
      }),
    ]);
    expect(containerOf(stack.one("google_cloud_run_v2_service")).env).toContainEqual({
      name: "MCP_OAUTH_KEYS",
      value_source: {
        secret_key_ref: {
          secret: stack.ref("google_secret_manager_secret", secret, "secret_id"),
          version: "latest",
        },
      },
    });
    expect(stack.json.output.secret_ids?.value).toEqual([NAMES.secrets.oauthKeys]);
  });

  it("passes the allowed DevRev orgs to the service", () => {
    const env = containerOf(stack.one("google_cloud_run_v2_service")).env as {
      name: string;
      value?: string;
    }[];
    expect(env.find((e) => e.name === "MCP_AUTH_ALLOWED_ORGS")?.value).toBe(
      "devo/0,don:identity:dvrv-us-1:devo/7",
    );
  });

  it("has no secret, no pause and no time provider without the door", () => {
    const plain = synthStack();
    expect(plain.all("google_secret_manager_secret")).toEqual([]);
    expect(plain.all("time_sleep")).toEqual([]);
    expect(Object.keys(plain.json.provider)).not.toContain("time");
  });
});

describe("state backend", () => {
  it("uses the GCS backend under a prefix per environment", () => {
    const stack = synthStack({ DEPLOY_STATE_BUCKET: "acme-tf-state", DEPLOY_ENVIRONMENT: "staging" });
    expect(stack.json.terraform.backend).toEqual({
      gcs: { bucket: "acme-tf-state", prefix: "devrev-mcp/staging" },
    });
    expect(stack.json.output.state_backend?.value).toBe("gs://acme-tf-state/devrev-mcp/staging");
  });

  it("lets the plan identity read the state, and only the state bucket", () => {
    const stack = synthStack();
    const plan = stack.all("google_service_account").find((a) => a.account_id === NAMES.planAccountId)!;
    expect(stack.all("google_storage_bucket_iam_member")).toContainEqual(
      expect.objectContaining({
        bucket: "acme-mcp-prod-tfstate",
        role: "roles/storage.objectViewer",
        member: `serviceAccount:${stack.ref("google_service_account", plan, "email")}`,
      }),
    );
  });

  it("reads recorded settings from infra/environments/ENVIRONMENT.json, below the environment variables", () => {
    const dir = mkdtempSync(join(tmpdir(), "devrev-mcp-environments-"));
    const out = mkdtempSync(join(tmpdir(), "devrev-mcp-synth-"));
    try {
      writeFileSync(
        join(dir, "staging.json"),
        JSON.stringify({ stateBucket: "recorded-state", maxInstances: 5, region: "europe-west1" }),
      );
      const { DEPLOY_STATE_BUCKET: _, ...rest } = BASE_ENV;
      const { config } = synthesize(
        { ...rest, DEPLOY_ENVIRONMENT: "staging", DEPLOY_REGION: "asia-east1" },
        out,
        {},
        dir,
      );
      expect(config).toMatchObject({ stateBucket: "recorded-state", maxInstances: 5, region: "asia-east1" });
      writeFileSync(join(dir, "staging.json"), JSON.stringify({ stateBuckett: "typo" }));
      expect(() => synthesize({ ...rest, DEPLOY_ENVIRONMENT: "staging" }, out, {}, dir)).toThrow(
        /staging\.json: unknown setting\(s\) stateBuckett/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe("two environments in one project", () => {
  it("share no resource name", () => {
    const names = (env: string) => {
      const stack = synthStack({
        DEPLOY_ENVIRONMENT: env,
        DEPLOY_MONITORING: "true",
        DEPLOY_ALERT_EMAIL: "a@acme.com",
        DEPLOY_AUDIT_BUCKET_RETENTION_DAYS: "30",
        DEPLOY_AUTH_MODE: "static-token",
      });
      const ids: string[] = [];
      for (const [type, blocks] of Object.entries(stack.json.resource)) {
        for (const block of Object.values(blocks)) {
          for (const key of [
            "name",
            "account_id",
            "secret_id",
            "repository_id",
            "workload_identity_pool_id",
          ]) {
            const value = block[key];
            if (typeof value === "string" && !value.startsWith("$")) ids.push(`${type}:${value}`);
          }
        }
      }
      return ids;
    };
    const production = names("production");
    const staging = names("staging");
    expect(production.length).toBeGreaterThan(15);
    expect(production.filter((id) => staging.includes(id))).toEqual([]);
    expect(deploymentNames("staging", "p").deployerAccountId.length).toBeLessThanOrEqual(30);
  });
});

describe("custom domain", () => {
  let stack: Synthesized;
  beforeAll(() => {
    stack = synthStack({ DEPLOY_CUSTOM_DOMAIN: "MCP.acme.com" });
  });

  it("maps the domain to the service", () => {
    const service = stack.one("google_cloud_run_v2_service");
    expect(stack.one("google_cloud_run_domain_mapping")).toMatchObject({
      name: "mcp.acme.com",
      location: "us-central1",
      metadata: { namespace: "acme-mcp-prod" },
      spec: { route_name: stack.ref("google_cloud_run_v2_service", service, "name") },
    });
    expect(stack.json.output.custom_domain_url?.value).toBe("https://mcp.acme.com");
  });

  it("adds the domain to the accepted host names", () => {
    const env = containerOf(stack.one("google_cloud_run_v2_service")).env as {
      name: string;
      value?: string;
    }[];
    expect(env.find((e) => e.name === "MCP_PUBLIC_URL")?.value).toBe("https://mcp.acme.com");
    expect(env.find((e) => e.name === "MCP_ALLOWED_HOSTS")?.value).toBe(
      `devrev-mcp-production-${PROJECT_NUMBER}.us-central1.run.app,` +
        `candidate---devrev-mcp-production-${PROJECT_NUMBER}.us-central1.run.app,mcp.acme.com`,
    );
  });
});

describe("GitHub trust follows the settings", () => {
  it.each([
    [{}, "812345678", "4567890", "production"],
    [{ DEPLOY_ENVIRONMENT: "staging" }, "812345678", "4567890", "staging"],
    [
      { DEPLOY_GITHUB_REPOSITORY_ID: "99", DEPLOY_GITHUB_OWNER_ID: "7", DEPLOY_ENVIRONMENT: "qa" },
      "99",
      "7",
      "qa",
    ],
  ])("%o: ids and the environment's three GitHub environments", (env, repositoryId, ownerId, environment) => {
    const stack = synthStack(env);
    expect(stack.one("google_iam_workload_identity_pool_provider").attribute_condition).toBe(
      `assertion.repository_id == '${repositoryId}' && assertion.repository_owner_id == '${ownerId}'` +
        ` && assertion.environment in ['${environment}', '${environment}-infra', '${environment}-plan']`,
    );
  });
});

describe("other settings", () => {
  let stack: Synthesized;
  let service: TfBlock;
  let template: TfBlock;
  beforeAll(() => {
    stack = synthStack({
      DEPLOY_DELETION_PROTECTION: "false",
      DEPLOY_SERVICE_NAME: "mcp-staging",
      DEPLOY_REGION: "europe-west1",
      DEPLOY_IMAGE: "europe-west1-docker.pkg.dev/acme-mcp-prod/devrev-mcp/devrev-mcp-server:v1.2.3",
      DEPLOY_CPU: "2",
      DEPLOY_MEMORY: "1Gi",
      DEPLOY_CONCURRENCY: "40",
      DEPLOY_MAX_INSTANCES: "10",
    });
    service = stack.one("google_cloud_run_v2_service");
    template = service.template as TfBlock;
  });

  it("applies the service settings", () => {
    expect(service).toMatchObject({
      name: "mcp-staging",
      location: "europe-west1",
      deletion_protection: false,
    });
    expect(template).toMatchObject({
      max_instance_request_concurrency: 40,
      scaling: { min_instance_count: 0, max_instance_count: 10 },
    });
    expect(containerOf(service)).toMatchObject({
      image: "europe-west1-docker.pkg.dev/acme-mcp-prod/devrev-mcp/devrev-mcp-server:v1.2.3",
      resources: { limits: { cpu: "2", memory: "1Gi" } },
    });
    expect(stack.json.output.service_url?.value).toBe(
      `https://mcp-staging-${PROJECT_NUMBER}.europe-west1.run.app`,
    );
  });
});
