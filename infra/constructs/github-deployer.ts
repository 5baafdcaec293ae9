import { ArtifactRegistryRepositoryIamMember } from "@cdktf/provider-google/lib/artifact-registry-repository-iam-member/index.js";
import { CloudRunV2ServiceIamMember } from "@cdktf/provider-google/lib/cloud-run-v2-service-iam-member/index.js";
import { IamWorkloadIdentityPool } from "@cdktf/provider-google/lib/iam-workload-identity-pool/index.js";
import { IamWorkloadIdentityPoolProvider } from "@cdktf/provider-google/lib/iam-workload-identity-pool-provider/index.js";
import { ServiceAccount } from "@cdktf/provider-google/lib/service-account/index.js";
import { ServiceAccountIamMember } from "@cdktf/provider-google/lib/service-account-iam-member/index.js";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { DEPLOYER_SA_ID, GITHUB_OIDC_ISSUER, WIF_POOL_ID, WIF_PROVIDER_ID } from "../names.js";

export interface GithubDeployerProps {
  readonly projectId: string;
  readonly region: string;
  /** OWNER/REPO whose workflows may deploy. */
  readonly repository: string;
  /** Optional narrowing, e.g. refs/heads/main. */
  readonly ref?: string;
  /** Optional narrowing to one GitHub deployment environment. */
  readonly environment?: string;
  /** Artifact Registry repository id the deployer pushes to. */
  readonly artifactRepositoryId: string;
  /** Cloud Run service name the deployer rolls. */
  readonly serviceName: string;
  /** Full resource name of the runtime service account the deployer may attach to revisions. */
  readonly runtimeServiceAccountName: string;
  readonly dependsOn: ITerraformDependable[];
}

/** CEL condition Google evaluates on every GitHub token; tokens from other repositories are refused. */
export function githubAttributeCondition(
  props: Pick<GithubDeployerProps, "repository" | "ref" | "environment">,
) {
  const clauses = [`assertion.repository == '${props.repository}'`];
  if (props.ref) clauses.push(`assertion.ref == '${props.ref}'`);
  if (props.environment) clauses.push(`assertion.environment == '${props.environment}'`);
  return clauses.join(" && ");
}

/**
 * Lets GitHub Actions in one repository deploy through Workload Identity Federation (no JSON keys),
 * as a service account that can push images to one repository and roll one service, nothing more.
 */
export class GithubDeployer extends Construct {
  readonly pool: IamWorkloadIdentityPool;
  readonly provider: IamWorkloadIdentityPoolProvider;
  readonly serviceAccount: ServiceAccount;
  readonly member: string;

  constructor(scope: Construct, id: string, props: GithubDeployerProps) {
    super(scope, id);
    this.pool = new IamWorkloadIdentityPool(this, "pool", {
      project: props.projectId,
      workloadIdentityPoolId: WIF_POOL_ID,
      displayName: "GitHub Actions",
      description: `Deploys of ${props.serviceName} from ${props.repository}`,
      dependsOn: props.dependsOn,
    });
    this.provider = new IamWorkloadIdentityPoolProvider(this, "provider", {
      project: props.projectId,
      workloadIdentityPoolId: this.pool.workloadIdentityPoolId,
      workloadIdentityPoolProviderId: WIF_PROVIDER_ID,
      displayName: "GitHub OIDC",
      attributeMapping: {
        "google.subject": "assertion.sub",
        "attribute.repository": "assertion.repository",
        "attribute.repository_owner": "assertion.repository_owner",
        "attribute.ref": "assertion.ref",
        "attribute.actor": "assertion.actor",
      },
      attributeCondition: githubAttributeCondition(props),
      oidc: { issuerUri: GITHUB_OIDC_ISSUER },
    });

    this.serviceAccount = new ServiceAccount(this, "account", {
      project: props.projectId,
      accountId: DEPLOYER_SA_ID,
      displayName: "DevRev MCP deployer (GitHub Actions, Cloud Build)",
      dependsOn: props.dependsOn,
    });
    this.member = `serviceAccount:${this.serviceAccount.email}`;

    new ServiceAccountIamMember(this, "github-impersonation", {
      serviceAccountId: this.serviceAccount.name,
      role: "roles/iam.workloadIdentityUser",
      member: `principalSet://iam.googleapis.com/${this.pool.name}/attribute.repository/${props.repository}`,
    });
    new ArtifactRegistryRepositoryIamMember(this, "image-writer", {
      project: props.projectId,
      location: props.region,
      repository: props.artifactRepositoryId,
      role: "roles/artifactregistry.writer",
      member: this.member,
    });
    new CloudRunV2ServiceIamMember(this, "service-developer", {
      project: props.projectId,
      location: props.region,
      name: props.serviceName,
      role: "roles/run.developer",
      member: this.member,
    });
    // Deploying a revision that runs as the runtime account requires actAs on that account only.
    new ServiceAccountIamMember(this, "runtime-user", {
      serviceAccountId: props.runtimeServiceAccountName,
      role: "roles/iam.serviceAccountUser",
      member: this.member,
    });
  }
}
