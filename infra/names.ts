// Names shared by the CDKTF stack, cloudbuild.yaml and docker-compose.yml. The YAML files cannot
// import this module, so test/infra/names-agree.test.ts parses them and compares with these values.

export const STACK_NAME = "devrev-mcp";
export const DEFAULT_REGION = "us-central1";
export const DEFAULT_SERVICE_NAME = "devrev-mcp-server";

export const ARTIFACT_REPO_ID = "devrev-mcp";
export const IMAGE_NAME = "devrev-mcp-server";
/** Tagged images kept by the Artifact Registry cleanup policy, whatever their age. */
export const IMAGES_KEPT = 10;

export const RUNTIME_SA_ID = "devrev-mcp-runtime";
export const DEPLOYER_SA_ID = "devrev-mcp-deployer";

// Pool ids stay reserved for 30 days after deletion, so keep them specific to this project.
export const WIF_POOL_ID = "devrev-mcp-github";
export const WIF_PROVIDER_ID = "github-oidc";
export const GITHUB_OIDC_ISSUER = "https://token.actions.githubusercontent.com";

export const SECRET_DEVREV_API_TOKEN = "devrev-api-token";
export const SECRET_MCP_AUTH_TOKEN = "mcp-auth-token";

export const CONTAINER_PORT = 8080;
export const HEALTH_PATH = "/health";

/** Public "hello" image Cloud Run can start before our first image has been pushed. */
export const PLACEHOLDER_IMAGE = "us-docker.pkg.dev/cloudrun/container/hello";

/** Bucket that `gcloud builds submit` uploads sources to; project ids are globally unique. */
export function buildSourceBucketName(projectId: string): string {
  return `${projectId}-devrev-mcp-build-src`;
}

export function imageRepositoryUrl(region: string, projectId: string): string {
  return `${region}-docker.pkg.dev/${projectId}/${ARTIFACT_REPO_ID}/${IMAGE_NAME}`;
}

/** Cloud Run's deterministic host name, known before the service exists. */
export function runAppHost(serviceName: string, projectNumber: string, region: string): string {
  return `${serviceName}-${projectNumber}.${region}.run.app`;
}

/** Bucket the audit-log sink writes to (`DEPLOY_AUDIT_BUCKET_RETENTION_DAYS`). */
export function auditBucketName(projectId: string): string {
  return `${projectId}-devrev-mcp-audit`;
}
export const AUDIT_SINK_NAME = "devrev-mcp-audit-archive";

/** Log-based metrics built from the server's audit events (app/log/audit.ts); docs/operations.md. */
export const LOG_METRICS = {
  authFailures: "devrev_mcp_auth_failures",
  toolCalls: "devrev_mcp_tool_calls",
  toolFailures: "devrev_mcp_tool_failures",
  destructiveToolCalls: "devrev_mcp_destructive_tool_calls",
} as const;

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

/** The one GitHub secret the deploy workflow reads: the PAT scripts/smoke calls the service with. */
export const GITHUB_SMOKE_SECRET = "DEVREV_SMOKE_PAT";
