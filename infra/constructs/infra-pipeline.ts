import { ProjectIamCustomRole } from "@cdktf/provider-google/lib/project-iam-custom-role/index.js";
import { ProjectIamMember } from "@cdktf/provider-google/lib/project-iam-member/index.js";
import { ServiceAccount } from "@cdktf/provider-google/lib/service-account/index.js";
import { ServiceAccountIamMember } from "@cdktf/provider-google/lib/service-account-iam-member/index.js";
import { StorageBucketIamMember } from "@cdktf/provider-google/lib/storage-bucket-iam-member/index.js";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";

/**
 * What `terraform apply` of this stack changes, role by role (no basic role: Owner and Editor
 * would also grant everything this stack never touches). Managing IAM is inherently powerful, so
 * this account is only reachable from the approved apply environment (docs/cicd.md).
 */
export const INFRA_APPLY_ROLES = [
  "roles/serviceusage.serviceUsageAdmin",
  "roles/resourcemanager.projectIamAdmin",
  "roles/iam.serviceAccountAdmin",
  "roles/iam.workloadIdentityPoolAdmin",
  "roles/iam.roleAdmin",
  "roles/run.admin",
  "roles/artifactregistry.admin",
  "roles/storage.admin",
  "roles/logging.configWriter",
  "roles/monitoring.editor",
] as const;

/**
 * Secret containers without their values: roles/secretmanager.admin would also let the pipeline
 * read every secret version, and only the runtime account may do that.
 */
export const SECRET_CONTAINER_PERMISSIONS = [
  "secretmanager.locations.get",
  "secretmanager.locations.list",
  "secretmanager.secrets.create",
  "secretmanager.secrets.delete",
  "secretmanager.secrets.get",
  "secretmanager.secrets.getIamPolicy",
  "secretmanager.secrets.list",
  "secretmanager.secrets.setIamPolicy",
  "secretmanager.secrets.update",
] as const;

/**
 * What `terraform plan` reads (refresh of every resource type the stack manages), and nothing it
 * could change. secretmanager.viewer sees secret metadata, never values.
 */
export const INFRA_PLAN_ROLES = [
  "roles/browser",
  "roles/serviceusage.serviceUsageViewer",
  "roles/iam.securityReviewer",
  "roles/iam.serviceAccountViewer",
  "roles/iam.workloadIdentityPoolViewer",
  "roles/run.viewer",
  "roles/artifactregistry.reader",
  "roles/secretmanager.viewer",
  "roles/storage.bucketViewer",
  "roles/logging.viewer",
  "roles/monitoring.viewer",
] as const;

export interface InfraPipelineProps {
  readonly projectId: string;
  readonly environment: string;
  readonly applyAccountId: string;
  /** Id of the custom role holding SECRET_CONTAINER_PERMISSIONS. */
  readonly secretsRoleId: string;
  readonly planAccountId: string;
  /** The runtime account, which the apply account attaches to the service. */
  readonly runtimeServiceAccountName: string;
  /** The state bucket, when remote state is used. */
  readonly stateBucket?: string;
  readonly dependsOn: ITerraformDependable[];
}

/** The two identities of .github/workflows/infra.yml: plan (read-only) and apply (approved). */
export class InfraPipeline extends Construct {
  readonly apply: ServiceAccount;
  readonly plan: ServiceAccount;

  constructor(scope: Construct, id: string, props: InfraPipelineProps) {
    super(scope, id);
    this.apply = new ServiceAccount(this, "apply", {
      project: props.projectId,
      accountId: props.applyAccountId,
      displayName: `DevRev MCP infrastructure apply, ${props.environment} (GitHub Actions)`,
      dependsOn: props.dependsOn,
    });
    this.plan = new ServiceAccount(this, "plan", {
      project: props.projectId,
      accountId: props.planAccountId,
      displayName: `DevRev MCP infrastructure plan, ${props.environment} (GitHub Actions, read-only)`,
      dependsOn: props.dependsOn,
    });
    const applyMember = `serviceAccount:${this.apply.email}`;
    const planMember = `serviceAccount:${this.plan.email}`;
    for (const role of INFRA_APPLY_ROLES) {
      new ProjectIamMember(this, `apply-${role.replace("roles/", "")}`, {
        project: props.projectId,
        role,
        member: applyMember,
      });
    }
    for (const role of INFRA_PLAN_ROLES) {
      new ProjectIamMember(this, `plan-${role.replace("roles/", "")}`, {
        project: props.projectId,
        role,
        member: planMember,
      });
    }
    const secretsRole = new ProjectIamCustomRole(this, "secret-containers", {
      project: props.projectId,
      roleId: props.secretsRoleId,
      title: `DevRev MCP ${props.environment}: secret containers, no values`,
      description: "Create secrets and their IAM policies without access to any secret version.",
      permissions: [...SECRET_CONTAINER_PERMISSIONS],
      dependsOn: props.dependsOn,
    });
    new ProjectIamMember(this, "apply-secret-containers", {
      project: props.projectId,
      role: secretsRole.name,
      member: applyMember,
    });
    new ServiceAccountIamMember(this, "apply-runtime-user", {
      serviceAccountId: props.runtimeServiceAccountName,
      role: "roles/iam.serviceAccountUser",
      member: applyMember,
    });
    if (props.stateBucket) {
      // Plans run with -lock=false, so reading the state is all they need.
      new StorageBucketIamMember(this, "plan-state-reader", {
        bucket: props.stateBucket,
        role: "roles/storage.objectViewer",
        member: planMember,
      });
    }
  }
}
