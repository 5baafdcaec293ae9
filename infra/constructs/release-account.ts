import { ArtifactRegistryRepositoryIamMember } from "@cdktf/provider-google/lib/artifact-registry-repository-iam-member/index.js";
import { CloudRunV2ServiceIamMember } from "@cdktf/provider-google/lib/cloud-run-v2-service-iam-member/index.js";
import { ServiceAccount } from "@cdktf/provider-google/lib/service-account/index.js";
import { ServiceAccountIamMember } from "@cdktf/provider-google/lib/service-account-iam-member/index.js";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";

export interface ReleaseAccountProps {
  readonly projectId: string;
  readonly region: string;
  readonly accountId: string;
  readonly displayName: string;
  /** Artifact Registry repository id the account pushes to. */
  readonly artifactRepositoryId: string;
  /** Cloud Run service the account rolls. */
  readonly serviceName: string;
  /** Full resource name of the runtime service account the account may attach to revisions. */
  readonly runtimeServiceAccountName: string;
  readonly dependsOn: ITerraformDependable[];
}

/**
 * An account that releases images: push to one repository, roll one service (a no-traffic tagged
 * revision, then traffic), act as the runtime account. Nothing project-wide, so it can neither
 * read secrets nor write log entries (which feed the audit alerts and archive).
 */
export class ReleaseAccount extends Construct {
  readonly serviceAccount: ServiceAccount;
  readonly member: string;

  constructor(scope: Construct, id: string, props: ReleaseAccountProps) {
    super(scope, id);
    this.serviceAccount = new ServiceAccount(this, "account", {
      project: props.projectId,
      accountId: props.accountId,
      displayName: props.displayName,
      dependsOn: props.dependsOn,
    });
    this.member = `serviceAccount:${this.serviceAccount.email}`;
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
