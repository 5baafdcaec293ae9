import { ProjectIamMember } from "@cdktf/provider-google/lib/project-iam-member/index.js";
import { StorageBucket } from "@cdktf/provider-google/lib/storage-bucket/index.js";
import { StorageBucketIamMember } from "@cdktf/provider-google/lib/storage-bucket-iam-member/index.js";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { buildSourceBucketName } from "../names.js";

export interface CloudBuildAccessProps {
  readonly projectId: string;
  readonly region: string;
  /** The identity cloudbuild.yaml runs as (`gcloud builds submit --service-account`). */
  readonly builderMember: string;
  readonly dependsOn: ITerraformDependable[];
}

/**
 * What a build running as the deployer needs beyond deploying: a place for `gcloud builds submit`
 * to upload sources that it can read, and somewhere to write build logs. Builds never run as the
 * default Cloud Build or compute accounts, which hold far broader roles.
 */
export class CloudBuildAccess extends Construct {
  readonly sourceBucket: StorageBucket;

  constructor(scope: Construct, id: string, props: CloudBuildAccessProps) {
    super(scope, id);
    this.sourceBucket = new StorageBucket(this, "sources", {
      project: props.projectId,
      name: buildSourceBucketName(props.projectId),
      location: props.region,
      uniformBucketLevelAccess: true,
      publicAccessPrevention: "enforced",
      // Uploaded sources are only needed while the build runs.
      lifecycleRule: [{ action: { type: "Delete" }, condition: { age: 7 } }],
      forceDestroy: true,
      dependsOn: props.dependsOn,
    });
    new StorageBucketIamMember(this, "source-reader", {
      bucket: this.sourceBucket.name,
      role: "roles/storage.objectViewer",
      member: props.builderMember,
    });
    new ProjectIamMember(this, "log-writer", {
      project: props.projectId,
      role: "roles/logging.logWriter",
      member: props.builderMember,
    });
  }
}
