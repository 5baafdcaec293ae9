import { fileURLToPath } from "node:url";
import { DataGoogleProject } from "@cdktf/provider-google/lib/data-google-project/index.js";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider/index.js";
import { GcsBackend, LocalBackend, TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { InfraConfig } from "./config.js";
import { ArtifactRepo } from "./constructs/artifact-repo.js";
import { AuditArchive } from "./constructs/audit-archive.js";
import { CloudBuildAccess } from "./constructs/cloud-build-access.js";
import { GithubDeployer } from "./constructs/github-deployer.js";
import { McpService } from "./constructs/mcp-service.js";
import { Monitoring } from "./constructs/monitoring.js";
import { ProjectApis } from "./constructs/project-apis.js";
import { RuntimeIdentity } from "./constructs/runtime-identity.js";
import { type SecretSpec, ServiceSecrets } from "./constructs/service-secrets.js";
import { runAppHost, SECRET_DEVREV_API_TOKEN, SECRET_MCP_AUTH_TOKEN, STACK_NAME } from "./names.js";

/**
 * Only static-token mode needs secrets: one DevRev token for every caller plus the shared bearer
 * they present. In devrev-pat mode each caller brings their own PAT and the service holds none.
 */
export function secretsFor(config: InfraConfig): SecretSpec[] {
  if (config.authMode !== "static-token") return [];
  return [
    { secretId: SECRET_DEVREV_API_TOKEN, envName: "DEVREV_API_TOKEN" },
    { secretId: SECRET_MCP_AUTH_TOKEN, envName: "MCP_AUTH_TOKEN" },
  ];
}

/** Everything one deployment of the server needs in one Google Cloud project. */
export class DevrevMcpStack extends TerraformStack {
  constructor(scope: Construct, id: string, config: InfraConfig) {
    super(scope, id);
    const { projectId, region } = config;

    if (config.stateBucket) {
      new GcsBackend(this, { bucket: config.stateBucket, prefix: `${STACK_NAME}/${config.serviceName}` });
    } else {
      // Beside the repository root, not in cdktf.out, which synth may wipe.
      new LocalBackend(this, {
        path: fileURLToPath(new URL(`../terraform.${STACK_NAME}.tfstate`, import.meta.url)),
      });
    }
    new GoogleProvider(this, "google", {
      project: projectId,
      region,
      defaultLabels: { managed_by: "cdktf", app: STACK_NAME },
    });

    const apis = new ProjectApis(this, "apis", { projectId });
    const ready = apis.services;
    const project = new DataGoogleProject(this, "project", { projectId });

    const artifacts = new ArtifactRepo(this, "artifacts", { projectId, region, dependsOn: ready });
    const runtime = new RuntimeIdentity(this, "runtime", { projectId, dependsOn: ready });
    const secrets = new ServiceSecrets(this, "secrets", {
      projectId,
      secrets: secretsFor(config),
      readerMember: runtime.member,
      deletionProtection: config.deletionProtection,
      dependsOn: ready,
    });

    const runAppUrlHost = runAppHost(config.serviceName, project.number, region);
    const hosts = [runAppUrlHost, ...(config.customDomain ? [config.customDomain] : [])];
    const mcp = new McpService(this, "mcp", {
      projectId,
      region,
      serviceName: config.serviceName,
      image: config.image,
      serviceAccountEmail: runtime.serviceAccount.email,
      env: {
        MCP_TRANSPORT: "streamable-http",
        MCP_HOST: "0.0.0.0",
        MCP_LOG_FORMAT: "json",
        // Cloud Run's front end is the one proxy between clients and the container.
        MCP_TRUST_PROXY_HOPS: "1",
        MCP_AUTH_MODE: config.authMode,
        MCP_ALLOWED_HOSTS: hosts.join(","),
        ...(config.allowedDomains.length > 0 && {
          MCP_AUTH_ALLOWED_DOMAINS: config.allowedDomains.join(","),
        }),
      },
      secrets: secrets.secrets,
      minInstances: config.minInstances,
      maxInstances: config.maxInstances,
      cpu: config.cpu,
      memory: config.memory,
      concurrency: config.concurrency,
      deletionProtection: config.deletionProtection,
      ...(config.customDomain && { customDomain: config.customDomain }),
      dependsOn: [...ready, ...secrets.grants],
    });

    const deployer = new GithubDeployer(this, "deployer", {
      projectId,
      region,
      repository: config.githubRepository,
      ...(config.githubRef && { ref: config.githubRef }),
      ...(config.githubEnvironment && { environment: config.githubEnvironment }),
      artifactRepositoryId: artifacts.repository.repositoryId,
      serviceName: mcp.service.name,
      runtimeServiceAccountName: runtime.serviceAccount.name,
      dependsOn: ready,
    });
    const build = new CloudBuildAccess(this, "cloud-build", {
      projectId,
      region,
      builderMember: deployer.member,
      dependsOn: ready,
    });

    // Opt-in operations: docs/operations.md.
    if (config.monitoring) {
      new Monitoring(this, "monitoring", {
        projectId,
        serviceName: config.serviceName,
        uptimeHost: runAppUrlHost,
        alertEmails: config.alertEmail,
        dependsOn: ready,
      });
    }
    if (config.auditRetentionDays !== undefined) {
      const archive = new AuditArchive(this, "audit", {
        projectId,
        region,
        serviceName: config.serviceName,
        retentionDays: config.auditRetentionDays,
        lockRetention: config.auditRetentionLock,
        dependsOn: ready,
      });
      new TerraformOutput(this, "audit_log_bucket", { value: archive.bucket.name });
    }

    new TerraformOutput(this, "service_url", { value: `https://${runAppUrlHost}` });
    if (config.customDomain) {
      new TerraformOutput(this, "custom_domain_url", { value: `https://${config.customDomain}` });
    }
    new TerraformOutput(this, "image_repository", { value: artifacts.imageUrl });
    new TerraformOutput(this, "workload_identity_provider", { value: deployer.provider.name });
    new TerraformOutput(this, "deployer_service_account", { value: deployer.serviceAccount.email });
    new TerraformOutput(this, "runtime_service_account", { value: runtime.serviceAccount.email });
    new TerraformOutput(this, "build_source_bucket", { value: build.sourceBucket.name });
    // What the deploy workflow needs besides the above (infra/names.ts GITHUB_DEPLOY_VARIABLES).
    new TerraformOutput(this, "project_id", { value: projectId });
    new TerraformOutput(this, "region", { value: region });
    new TerraformOutput(this, "service_name", { value: mcp.service.name });
  }
}
