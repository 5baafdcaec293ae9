import { beforeAll, describe, expect, it } from "vitest";
import { SECRET_DEVREV_API_TOKEN, SECRET_MCP_AUTH_TOKEN } from "../../infra/names.js";
import { PROJECT_NUMBER, type Synthesized, synthStack, type TfBlock } from "./helpers/synth.js";

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

  it("starts revisions only after the runtime account may read the secrets", () => {
    const grants = stack.all("google_secret_manager_secret_iam_member");
    for (const grant of grants) {
      expect(service.depends_on).toContain(stack.address("google_secret_manager_secret_iam_member", grant));
    }
  });
});

describe("remote state", () => {
  it("uses the GCS backend when a state bucket is configured", () => {
    const stack = synthStack({ DEPLOY_STATE_BUCKET: "acme-tf-state" });
    expect(stack.json.terraform.backend).toEqual({
      gcs: { bucket: "acme-tf-state", prefix: "devrev-mcp/devrev-mcp-server" },
    });
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
    expect(env.find((e) => e.name === "MCP_ALLOWED_HOSTS")?.value).toBe(
      `devrev-mcp-server-${PROJECT_NUMBER}.us-central1.run.app,mcp.acme.com`,
    );
  });
});

describe("narrower GitHub trust and other settings", () => {
  let stack: Synthesized;
  let service: TfBlock;
  let template: TfBlock;
  beforeAll(() => {
    stack = synthStack({
      DEPLOY_GITHUB_REF: "refs/heads/main",
      DEPLOY_GITHUB_ENVIRONMENT: "production",
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

  it("pins the WIF condition to the ref and environment as well", () => {
    expect(stack.one("google_iam_workload_identity_pool_provider").attribute_condition).toBe(
      "assertion.repository == 'acme/devrev-mcp-server' && assertion.ref == 'refs/heads/main'" +
        " && assertion.environment == 'production'",
    );
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
