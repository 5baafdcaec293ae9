import { beforeAll, describe, expect, it } from "vitest";
import { CONTAINER_PORT, HEALTH_PATH, PLACEHOLDER_IMAGE } from "../../infra/names.js";
import { NAMES, PROJECT_NUMBER, type Synthesized, synthStack, type TfBlock } from "./helpers/synth.js";

interface Container {
  image: string;
  env: { name: string; value?: string; value_source?: unknown }[];
  ports: TfBlock;
  resources: TfBlock;
  startup_probe: TfBlock;
  liveness_probe: TfBlock;
}

let stack: Synthesized;
let service: TfBlock;
let template: TfBlock;
let container: Container;
const envValue = (name: string) => container.env.find((e) => e.name === name)?.value;

beforeAll(() => {
  stack = synthStack({ DEPLOY_ALLOWED_DOMAINS: "acme.com, Acme.io", DEPLOY_MIN_INSTANCES: "1" });
  service = stack.one("google_cloud_run_v2_service");
  template = service.template as TfBlock;
  container = (template.containers as Container[])[0]!;
});

describe("McpService", () => {
  it("runs as the dedicated runtime account, never the default compute account", () => {
    const runtime = stack.all("google_service_account").find((a) => a.account_id === NAMES.runtimeAccountId)!;
    expect(template.service_account).toBe(stack.ref("google_service_account", runtime, "email"));
  });

  it("is the named service in the configured region with public ingress", () => {
    expect(service).toMatchObject({
      name: "devrev-mcp-production",
      location: "us-central1",
      project: "acme-mcp-prod",
      ingress: "INGRESS_TRAFFIC_ALL",
    });
  });

  it("protects the service from deletion unless told otherwise", () => {
    expect(service.deletion_protection).toBe(true);
  });

  it("starts on the public placeholder image and leaves later images to the pipeline", () => {
    expect(container.image).toBe(PLACEHOLDER_IMAGE);
    expect(service.lifecycle).toEqual({
      ignore_changes: ["template[0].containers[0].image", "client", "client_version", "traffic"],
    });
  });

  it("serves Streamable HTTP on all interfaces with JSON logs", () => {
    expect(envValue("MCP_TRANSPORT")).toBe("streamable-http");
    expect(envValue("MCP_HOST")).toBe("0.0.0.0");
    expect(envValue("MCP_LOG_FORMAT")).toBe("json");
    expect(envValue("MCP_TRUST_PROXY_HOPS")).toBe("2");
  });

  it("names the project, so Cloud Logging correlates the trace ids in log lines", () => {
    expect(envValue("GOOGLE_CLOUD_PROJECT")).toBe("acme-mcp-prod");
  });

  it("leaves PORT to Cloud Run and listens where the probes look", () => {
    expect(container.env.map((e) => e.name)).not.toContain("PORT");
    expect(container.env.map((e) => e.name)).not.toContain("MCP_PORT");
    expect(container.ports).toEqual({ name: "http1", container_port: CONTAINER_PORT });
  });

  it("authenticates callers by DevRev PAT limited to the allowed e-mail domains", () => {
    expect(envValue("MCP_AUTH_MODE")).toBe("devrev-pat");
    expect(envValue("MCP_AUTH_ALLOWED_DOMAINS")).toBe("acme.com,acme.io");
  });

  it("accepts only its deterministic run.app host name and that of the candidate tag", () => {
    const host = `devrev-mcp-production-${PROJECT_NUMBER}.us-central1.run.app`;
    expect(envValue("MCP_ALLOWED_HOSTS")).toBe(`${host},candidate---${host}`);
    expect(envValue("MCP_PUBLIC_URL")).toBe(`https://${host}`);
    expect(stack.json.data.google_project?.project).toMatchObject({ project_id: "acme-mcp-prod" });
  });

  it("holds no secrets in devrev-pat mode", () => {
    expect(container.env.filter((e) => e.value_source !== undefined)).toEqual([]);
    expect(stack.all("google_secret_manager_secret")).toEqual([]);
    expect(JSON.stringify(stack.json)).not.toMatch(/DEVREV_API_TOKEN|MCP_AUTH_TOKEN/);
  });

  it("probes /health at startup and while running", () => {
    const httpGet = { path: HEALTH_PATH, port: CONTAINER_PORT };
    expect(container.startup_probe).toMatchObject({ http_get: httpGet });
    expect(container.liveness_probe).toMatchObject({ http_get: httpGet });
  });

  it("applies the configured scaling, concurrency, CPU and memory with startup boost", () => {
    expect(template.scaling).toEqual({ min_instance_count: 1, max_instance_count: 3 });
    expect(template.max_instance_request_concurrency).toBe(80);
    expect(container.resources).toEqual({
      limits: { cpu: "1", memory: "512Mi" },
      cpu_idle: true,
      startup_cpu_boost: true,
    });
  });

  it("lets anyone reach it with the invoker check disabled, not an allUsers grant", () => {
    expect(service.invoker_iam_disabled).toBe(true);
    const invokers = stack
      .all("google_cloud_run_v2_service_iam_member")
      .filter((m) => m.role === "roles/run.invoker");
    expect(invokers).toEqual([]);
    expect(JSON.stringify(stack.json)).not.toContain("allUsers");
  });

  it("maps no custom domain unless one is configured", () => {
    expect(stack.all("google_cloud_run_domain_mapping")).toEqual([]);
  });
});
