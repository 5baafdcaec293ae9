import { IamWorkloadIdentityPool } from "@cdktf/provider-google/lib/iam-workload-identity-pool/index.js";
import { IamWorkloadIdentityPoolProvider } from "@cdktf/provider-google/lib/iam-workload-identity-pool-provider/index.js";
import { ServiceAccountIamMember } from "@cdktf/provider-google/lib/service-account-iam-member/index.js";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { GITHUB_OIDC_ISSUER, WIF_PROVIDER_ID } from "../names.js";

export interface GithubTrustProps {
  readonly projectId: string;
  readonly poolId: string;
  /** OWNER/REPO, for people reading the console only: trust goes by the numeric ids. */
  readonly repository: string;
  readonly repositoryId: string;
  readonly ownerId: string;
  /** GitHub deployment environments whose jobs may exchange a token, e.g. production. */
  readonly environments: readonly string[];
  readonly dependsOn: ITerraformDependable[];
}

/**
 * CEL condition Google evaluates on every GitHub token before any service account binding is
 * consulted. Numeric ids, because a deleted or renamed repository's name can be claimed by anyone;
 * an environment, because only a job that declares one passed that environment's protection rules
 * (required reviewers, allowed branches and tags). A pull request, a push to any branch or a job
 * without an environment gets no Google token at all.
 */
export function githubAttributeCondition(
  props: Pick<GithubTrustProps, "repositoryId" | "ownerId" | "environments">,
): string {
  const environments = props.environments.map((e) => `'${e}'`).join(", ");
  return [
    `assertion.repository_id == '${props.repositoryId}'`,
    `assertion.repository_owner_id == '${props.ownerId}'`,
    `assertion.environment in [${environments}]`,
  ].join(" && ");
}

/** Workload Identity Federation for one repository's GitHub Actions: no JSON key exists anywhere. */
export class GithubTrust extends Construct {
  readonly pool: IamWorkloadIdentityPool;
  readonly provider: IamWorkloadIdentityPoolProvider;

  constructor(scope: Construct, id: string, props: GithubTrustProps) {
    super(scope, id);
    this.pool = new IamWorkloadIdentityPool(this, "pool", {
      project: props.projectId,
      workloadIdentityPoolId: props.poolId,
      displayName: "GitHub Actions",
      // Plain configuration only: a reference to another resource here would tie the pool's
      // lifecycle to it (replacing the service would replace the pool, whose id is then reserved).
      description: `GitHub Actions of ${props.repository} (id ${props.repositoryId})`,
      dependsOn: props.dependsOn,
    });
    this.provider = new IamWorkloadIdentityPoolProvider(this, "provider", {
      project: props.projectId,
      workloadIdentityPoolId: this.pool.workloadIdentityPoolId,
      workloadIdentityPoolProviderId: WIF_PROVIDER_ID,
      displayName: "GitHub OIDC",
      attributeMapping: {
        "google.subject": "assertion.sub",
        "attribute.repository_id": "assertion.repository_id",
        "attribute.repository_owner_id": "assertion.repository_owner_id",
        "attribute.environment": "assertion.environment",
        "attribute.repository": "assertion.repository",
        "attribute.ref": "assertion.ref",
        "attribute.actor": "assertion.actor",
      },
      attributeCondition: githubAttributeCondition(props),
      oidc: { issuerUri: GITHUB_OIDC_ISSUER },
    });
  }

  /** Lets jobs of one GitHub environment (and, by the condition, this repository) act as an account. */
  allowEnvironment(id: string, environment: string, serviceAccountName: string): ServiceAccountIamMember {
    return new ServiceAccountIamMember(this, id, {
      serviceAccountId: serviceAccountName,
      role: "roles/iam.workloadIdentityUser",
      member: `principalSet://iam.googleapis.com/${this.pool.name}/attribute.environment/${environment}`,
    });
  }
}
