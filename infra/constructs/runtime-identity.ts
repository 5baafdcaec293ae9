import { ServiceAccount } from "@cdktf/provider-google/lib/service-account/index.js";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";

/**
 * Project roles of the runtime account: none. The server calls no Google API: Cloud Run itself
 * collects what it writes to stdout/stderr (no logging.logWriter needed) and it exports no metrics
 * or traces, only trace ids inside its log lines. Secret access is granted per secret by
 * ServiceSecrets, so the account can read exactly the secrets of its own deployment.
 */
export const RUNTIME_PROJECT_ROLES: readonly string[] = [];

export interface RuntimeIdentityProps {
  readonly projectId: string;
  readonly accountId: string;
  readonly environment: string;
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
      accountId: props.accountId,
      displayName: `DevRev MCP server, ${props.environment} (Cloud Run runtime)`,
      dependsOn: props.dependsOn,
    });
    this.member = `serviceAccount:${this.serviceAccount.email}`;
  }
}
