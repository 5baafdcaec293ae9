import { ProjectIamMember } from "@cdktf/provider-google/lib/project-iam-member/index.js";
import { ServiceAccount } from "@cdktf/provider-google/lib/service-account/index.js";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { RUNTIME_SA_ID } from "../names.js";

/** Write-only telemetry roles; secret access is granted per secret by ServiceSecrets. */
export const RUNTIME_PROJECT_ROLES = [
  "roles/logging.logWriter",
  "roles/monitoring.metricWriter",
  "roles/cloudtrace.agent",
] as const;

export interface RuntimeIdentityProps {
  readonly projectId: string;
  readonly dependsOn: ITerraformDependable[];
}

/** The service account Cloud Run runs the server as, instead of the broad default compute account. */
export class RuntimeIdentity extends Construct {
  readonly serviceAccount: ServiceAccount;
  /** `serviceAccount:EMAIL`, ready for IAM member fields. */
  readonly member: string;

  constructor(scope: Construct, id: string, props: RuntimeIdentityProps) {
    super(scope, id);
    this.serviceAccount = new ServiceAccount(this, "account", {
      project: props.projectId,
      accountId: RUNTIME_SA_ID,
      displayName: "DevRev MCP server (Cloud Run runtime)",
      dependsOn: props.dependsOn,
    });
    this.member = `serviceAccount:${this.serviceAccount.email}`;
    for (const role of RUNTIME_PROJECT_ROLES) {
      new ProjectIamMember(this, role.replace("roles/", ""), {
        project: props.projectId,
        role,
        member: this.member,
      });
    }
  }
}
