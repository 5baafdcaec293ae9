import { SecretManagerSecret } from "@cdktf/provider-google/lib/secret-manager-secret/index.js";
import { SecretManagerSecretIamMember } from "@cdktf/provider-google/lib/secret-manager-secret-iam-member/index.js";
import { Sleep } from "@cdktf/provider-time/lib/sleep/index.js";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";

/** Google documents IAM changes as typically visible within two minutes (IAM docs, "access change propagation"). */
export const IAM_PROPAGATION = "120s";

export interface SecretSpec {
  /** Secret Manager secret id. */
  readonly secretId: string;
  /** Environment variable the service receives the value in. */
  readonly envName: string;
}

export interface ServiceSecretsProps {
  readonly projectId: string;
  readonly secrets: readonly SecretSpec[];
  /** The only principal allowed to read the values. */
  readonly readerMember: string;
  readonly deletionProtection: boolean;
  readonly dependsOn: ITerraformDependable[];
}

export interface ServiceSecret extends SecretSpec {
  readonly secret: SecretManagerSecret;
}

/**
 * Secret containers and per-secret read access. Values are added out of band (scripts/set-secret)
 * so they never pass through Terraform state or this repository.
 */
export class ServiceSecrets extends Construct {
  readonly secrets: ServiceSecret[];
  /** IAM grants that must exist before a revision referencing the secrets can start. */
  readonly grants: SecretManagerSecretIamMember[] = [];
  /**
   * What a service using the secrets depends on: the grants, then a pause. IAM changes take up to
   * a minute or more to propagate, and Cloud Run checks secret access when it creates a revision,
   * so without the pause the first apply can fail with "Permission denied on secret".
   */
  readonly ready: ITerraformDependable[] = [];

  constructor(scope: Construct, id: string, props: ServiceSecretsProps) {
    super(scope, id);
    this.secrets = props.secrets.map((spec) => {
      const secret = new SecretManagerSecret(this, spec.secretId, {
        project: props.projectId,
        secretId: spec.secretId,
        replication: { auto: {} },
        deletionProtection: props.deletionProtection,
        dependsOn: props.dependsOn,
      });
      this.grants.push(
        new SecretManagerSecretIamMember(this, `${spec.secretId}-accessor`, {
          project: props.projectId,
          secretId: secret.secretId,
          role: "roles/secretmanager.secretAccessor",
          member: props.readerMember,
        }),
      );
      return { ...spec, secret };
    });
    if (this.grants.length > 0) {
      const pause = new Sleep(this, "iam-propagation", {
        createDuration: IAM_PROPAGATION,
        // A new grant (another secret, another reader) waits again.
        triggers: { grants: this.grants.map((g) => g.id).join(",") },
        dependsOn: this.grants,
      });
      this.ready.push(...this.grants, pause);
    }
  }
}
