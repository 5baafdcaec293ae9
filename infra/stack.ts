import { fileURLToPath } from "node:url";
import { DataGoogleProject } from "@cdktf/provider-google/lib/data-google-project/index.js";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider/index.js";
import { TimeProvider } from "@cdktf/provider-time/lib/provider/index.js";
import { GcsBackend, LocalBackend, TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { InfraConfig } from "./config.js";
import { ArtifactRepo } from "./constructs/artifact-repo.js";
import { AuditArchive } from "./constructs/audit-archive.js";
import { CloudBuildAccess } from "./constructs/cloud-build-access.js";
import { GithubTrust } from "./constructs/github-trust.js";
import { InfraPipeline } from "./constructs/infra-pipeline.js";
import { McpService } from "./constructs/mcp-service.js";
import { Monitoring } from "./constructs/monitoring.js";
import { ProjectApis } from "./constructs/project-apis.js";
import { ReleaseAccount } from "./constructs/release-account.js";
import { RuntimeIdentity } from "./constructs/runtime-identity.js";
import { type SecretSpec, ServiceSecrets } from "./constructs/service-secrets.js";
import {
  CANDIDATE_TAG,
  type DeploymentNames,
  deploymentNames,
  runAppHost,
  STACK_NAME,
  taggedHost,
} from "./names.js";

/**
 * The secrets the server reads in each auth mode, and nothing else. static-token: one DevRev
 * token for every caller plus the shared bearer they present. devrev-pat: each caller brings their
 * own PAT, so the only secret is the OAuth door's key set, when that door is on.
 */
export function secretsFor(
  config: InfraConfig,
  names: DeploymentNames = deploymentNames(config.environment, config.projectId),
): SecretSpec[] {
  if (config.authMode === "static-token") {
    return [
      { secretId: names.secrets.devrevApiToken, envName: "DEVREV_API_TOKEN" },
      { secretId: names.secrets.mcpAuthToken, envName: "MCP_AUTH_TOKEN" },
    ];
  }
  return config.oauth ? [{ secretId: names.secrets.oauthKeys, envName: "MCP_OAUTH_KEYS" }] : [];
}

/** Everything one deployment (one environment) of the server needs in a Google Cloud project. */
export class DevrevMcpStack extends TerraformStack {
  constructor(scope: Construct, id: string, config: InfraConfig) {
    super(scope, id);
    const { projectId, region, environment } = config;
    const names = deploymentNames(environment, projectId);

    if (config.stateBucket) {
      new GcsBackend(this, { bucket: config.stateBucket, prefix: `${STACK_NAME}/${environment}` });
    } else {
      // Chosen explicitly (DEPLOY_LOCAL_STATE=true). Beside the repository root, not in
      // cdktf.out, which synth may wipe.
      new LocalBackend(this, {
        path: fileURLToPath(new URL(`../terraform.${STACK_NAME}-${environment}.tfstate`, import.meta.url)),
      });
    }
    new GoogleProvider(this, "google", {
      project: projectId,
      region,
      defaultLabels: { managed_by: "cdktf", app: STACK_NAME, environment },
    });

    const apis = new ProjectApis(this, "apis", { projectId });
    const ready = apis.services;
    const project = new DataGoogleProject(this, "project", { projectId });

    const artifacts = new ArtifactRepo(this, "artifacts", {
      projectId,
      region,
      repositoryId: names.artifactRepositoryId,
      dependsOn: ready,
    });
    const runtime = new RuntimeIdentity(this, "runtime", {
      projectId,
      accountId: names.runtimeAccountId,
      environment,
      dependsOn: ready,
    });
    const secretSpecs = secretsFor(config, names);
    if (secretSpecs.length > 0) new TimeProvider(this, "time");
    const secrets = new ServiceSecrets(this, "secrets", {
      projectId,
      secrets: secretSpecs,
      readerMember: runtime.member,
      deletionProtection: config.deletionProtection,
      dependsOn: ready,
    });

    const runAppUrlHost = runAppHost(config.serviceName, project.number, region);
    const publicHost = config.customDomain ?? runAppUrlHost;
    // The candidate tag's host is where deploys smoke-test a revision before it takes traffic.
    const hosts = [
      runAppUrlHost,
      taggedHost(CANDIDATE_TAG, runAppUrlHost),
      ...(config.customDomain ? [config.customDomain] : []),
    ];
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
        // Lets Cloud Logging correlate the trace ids in log lines (projects/ID/traces/TRACE).
        GOOGLE_CLOUD_PROJECT: projectId,
        // Google's front end appends the client address, then its own, to X-Forwarded-For (README).
        MCP_TRUST_PROXY_HOPS: "2",
        MCP_AUTH_MODE: config.authMode,
        MCP_ALLOWED_HOSTS: hosts.join(","),
        // OAuth metadata and token audience (docs/oauth.md): the URL clients are given.
        MCP_PUBLIC_URL: `https://${publicHost}`,
        ...(config.allowedDomains.length > 0 && {
          MCP_AUTH_ALLOWED_DOMAINS: config.allowedDomains.join(","),
        }),
        ...(config.allowedOrgs.length > 0 && { MCP_AUTH_ALLOWED_ORGS: config.allowedOrgs.join(",") }),
      },
      secrets: secrets.secrets,
      minInstances: config.minInstances,
      maxInstances: config.maxInstances,
      cpu: config.cpu,
      memory: config.memory,
      concurrency: config.concurrency,
      deletionProtection: config.deletionProtection,
      ...(config.customDomain && { customDomain: config.customDomain }),
      dependsOn: [...ready, ...secrets.ready],
    });

    const release = {
      projectId,
      region,
      artifactRepositoryId: artifacts.repository.repositoryId,
      serviceName: mcp.service.name,
      runtimeServiceAccountName: runtime.serviceAccount.name,
      dependsOn: ready,
    };
    const deployer = new ReleaseAccount(this, "deployer", {
      ...release,
      accountId: names.deployerAccountId,
      displayName: `DevRev MCP deployer, ${environment} (GitHub Actions)`,
    });
    const builder = new ReleaseAccount(this, "builder", {
      ...release,
      accountId: names.builderAccountId,
      displayName: `DevRev MCP builder, ${environment} (Cloud Build)`,
    });
    const build = new CloudBuildAccess(this, "cloud-build", {
      projectId,
      region,
      sourceBucketName: names.buildSourceBucket,
      logsBucketName: names.buildLogsBucket,
      builderMember: builder.member,
      dependsOn: ready,
    });
    const infra = new InfraPipeline(this, "infra", {
      projectId,
      environment,
      applyAccountId: names.infraAccountId,
      secretsRoleId: names.secretsRoleId,
      planAccountId: names.planAccountId,
      runtimeServiceAccountName: runtime.serviceAccount.name,
      ...(config.stateBucket && { stateBucket: config.stateBucket }),
      dependsOn: ready,
    });

    const github = names.githubEnvironments;
    const trust = new GithubTrust(this, "github", {
      projectId,
      poolId: names.workloadIdentityPoolId,
      repository: config.githubRepository,
      repositoryId: config.githubRepositoryId,
      ownerId: config.githubOwnerId,
      environments: [github.deploy, github.infraApply, github.infraPlan],
      dependsOn: ready,
    });
    trust.allowEnvironment("deploy", github.deploy, deployer.serviceAccount.name);
    trust.allowEnvironment("infra-apply", github.infraApply, infra.apply.name);
    trust.allowEnvironment("infra-plan", github.infraPlan, infra.plan.name);

    // Opt-in operations: docs/operations.md.
    if (config.monitoring) {
      new Monitoring(this, "monitoring", {
        projectId,
        serviceName: config.serviceName,
        environment,
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
        bucketName: names.auditBucket,
        sinkName: names.auditSink,
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
    new TerraformOutput(this, "environment", { value: environment });
    new TerraformOutput(this, "state_backend", {
      value: config.stateBucket ? `gs://${config.stateBucket}/${STACK_NAME}/${environment}` : "local",
    });
    new TerraformOutput(this, "image_repository", { value: artifacts.imageUrl });
    new TerraformOutput(this, "workload_identity_provider", { value: trust.provider.name });
    new TerraformOutput(this, "deployer_service_account", { value: deployer.serviceAccount.email });
    new TerraformOutput(this, "builder_service_account", { value: builder.serviceAccount.email });
    new TerraformOutput(this, "infra_apply_service_account", { value: infra.apply.email });
    new TerraformOutput(this, "infra_plan_service_account", { value: infra.plan.email });
    new TerraformOutput(this, "runtime_service_account", { value: runtime.serviceAccount.email });
    new TerraformOutput(this, "build_source_bucket", { value: build.sourceBucket.name });
    new TerraformOutput(this, "build_logs_bucket", { value: build.logsBucket.name });
    new TerraformOutput(this, "secret_ids", { value: secretSpecs.map((s) => s.secretId) });
    // What the deploy workflow needs besides the above (infra/names.ts GITHUB_DEPLOY_VARIABLES).
    new TerraformOutput(this, "project_id", { value: projectId });
    new TerraformOutput(this, "region", { value: region });
    new TerraformOutput(this, "service_name", { value: mcp.service.name });
  }
}
