// Names shared by the CDKTF stack, cloudbuild.yaml, docker-compose.yml and the workflows. The YAML
// files cannot import this module, so test/infra/names-agree.test.ts parses them and compares.
//
// Every resource name derives from the deployment's environment (DEPLOY_ENVIRONMENT, e.g.
// "production" or "staging"), so several deployments can live in one Google Cloud project.

export const STACK_NAME = "devrev-mcp";
export const DEFAULT_REGION = "us-central1";
export const DEFAULT_ENVIRONMENT = "production";
/** Short enough that the longest derived id (`devrev-mcp-ENV-deployer`) fits a service account's 30 characters. */
export const ENVIRONMENT_PATTERN = /^[a-z]([a-z0-9-]{0,8}[a-z0-9])?$/;

export const IMAGE_NAME = "devrev-mcp-server";
/** Tagged images kept by the Artifact Registry cleanup policy, whatever their age. */
export const IMAGES_KEPT = 10;

export const WIF_PROVIDER_ID = "github-oidc";
export const GITHUB_OIDC_ISSUER = "https://token.actions.githubusercontent.com";

export const CONTAINER_PORT = 8080;
export const HEALTH_PATH = "/health";
/**
 * Traffic tag of the revision under test: the deploy pipelines roll a new revision out with no
 * traffic under this tag, smoke-test `https://candidate---HOST`, and only then move traffic.
 */
export const CANDIDATE_TAG = "candidate";

/** Public "hello" image Cloud Run can start before our first image has been pushed. */
export const PLACEHOLDER_IMAGE = "us-docker.pkg.dev/cloudrun/container/hello";

/** Log-based metrics built from the server's audit events (app/log/audit.ts); docs/operations.md. */
export const LOG_METRICS = {
  authFailures: "devrev_mcp_auth_failures",
  toolCalls: "devrev_mcp_tool_calls",
  toolFailures: "devrev_mcp_tool_failures",
  destructiveToolCalls: "devrev_mcp_destructive_tool_calls",
} as const;

/** Every name one deployment (one environment) uses, derived from its environment and project. */
export function deploymentNames(environment: string, projectId: string) {
  const prefix = `devrev-mcp-${environment}`;
  return {
    prefix,
    /** Default Cloud Run service name (DEPLOY_SERVICE_NAME overrides it). */
    serviceName: prefix,
    artifactRepositoryId: prefix,
    runtimeAccountId: `${prefix}-runtime`,
    deployerAccountId: `${prefix}-deployer`,
    builderAccountId: `${prefix}-builder`,
    infraAccountId: `${prefix}-infra`,
    planAccountId: `${prefix}-plan`,
    /** Custom role of the infrastructure pipeline (infra/constructs/infra-pipeline.ts). */
    secretsRoleId: `devrevMcp.${environment.replace(/-/g, "_")}.secretContainers`,
    // Pool ids stay reserved for 30 days after deletion, so keep them specific.
    workloadIdentityPoolId: `${prefix}-github`,
    secrets: {
      devrevApiToken: `${prefix}-devrev-api-token`,
      mcpAuthToken: `${prefix}-mcp-auth-token`,
      oauthKeys: `${prefix}-oauth-keys`,
    },
    /** Bucket `gcloud builds submit` uploads sources to; project ids are globally unique. */
    buildSourceBucket: `${projectId}-${prefix}-build-src`,
    /** Where Cloud Build writes build logs (GCS_ONLY): the builder needs no project-wide log role. */
    buildLogsBucket: `${projectId}-${prefix}-build-logs`,
    auditBucket: `${projectId}-${prefix}-audit`,
    auditSink: `${prefix}-audit-archive`,
    /** Log-based metric ids: hierarchical, `ENV/devrev_mcp_…`, one set per deployment. */
    logMetrics: Object.fromEntries(
      Object.entries(LOG_METRICS).map(([key, name]) => [key, `${environment}/${name}`]),
    ) as { [K in keyof typeof LOG_METRICS]: string },
    /** GitHub environments whose jobs may use each identity (docs/cicd.md). */
    githubEnvironments: {
      deploy: environment,
      infraApply: `${environment}-infra`,
      infraPlan: `${environment}-plan`,
    },
  };
}
export type DeploymentNames = ReturnType<typeof deploymentNames>;

export function imageRepositoryUrl(region: string, projectId: string, repositoryId: string): string {
  return `${region}-docker.pkg.dev/${projectId}/${repositoryId}/${IMAGE_NAME}`;
}

/** Cloud Run's deterministic host name, known before the service exists. */
export function runAppHost(serviceName: string, projectNumber: string, region: string): string {
  return `${serviceName}-${projectNumber}.${region}.run.app`;
}

/** Host of a revision's traffic tag on the deterministic URL. */
export function taggedHost(tag: string, host: string): string {
  return `${tag}---${host}`;
}

/**
 * GitHub Actions variables the deploy workflow reads (`vars.NAME`), each with the stack output it
 * is set from. scripts/configure-github sets them; test/workflows checks deploy.yml uses no others.
 */
export const GITHUB_DEPLOY_VARIABLES = {
  WIF_PROVIDER: "workload_identity_provider",
  DEPLOYER_SERVICE_ACCOUNT: "deployer_service_account",
  GCP_PROJECT_ID: "project_id",
  GCP_REGION: "region",
  CLOUD_RUN_SERVICE: "service_name",
  IMAGE_REPOSITORY: "image_repository",
  SERVICE_URL: "service_url",
} as const;

/** Variables the infrastructure workflow reads on its plan and apply environments. */
export const GITHUB_INFRA_VARIABLES = {
  WIF_PROVIDER: "workload_identity_provider",
  INFRA_PLAN_SERVICE_ACCOUNT: "infra_plan_service_account",
  INFRA_APPLY_SERVICE_ACCOUNT: "infra_apply_service_account",
} as const;

/** The one GitHub secret the deploy workflow reads: the PAT scripts/smoke calls the service with. */
export const GITHUB_SMOKE_SECRET = "DEVREV_SMOKE_PAT";
