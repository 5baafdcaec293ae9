import { StorageBucket } from "@cdktf/provider-google/lib/storage-bucket/index.js";
import { StorageBucketIamMember } from "@cdktf/provider-google/lib/storage-bucket-iam-member/index.js";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";

export interface CloudBuildAccessProps {
  readonly projectId: string;
  readonly region: string;
  readonly sourceBucketName: string;
  readonly logsBucketName: string;
  /** The identity cloudbuild.yaml runs as (`gcloud builds submit --service-account`). */
  readonly builderMember: string;
  readonly dependsOn: ITerraformDependable[];
}

/**
 * Buckets a build running as its own builder account needs: one that `gcloud builds submit`
 * uploads sources to, and one for build logs (cloudbuild.yaml logs GCS_ONLY), so the builder needs
 * no project-wide logging role. Builds never run as the default Cloud Build or compute accounts,
 * which hold far broader roles.
 */
export class CloudBuildAccess extends Construct {
  readonly sourceBucket: StorageBucket;
  readonly logsBucket: StorageBucket;

  constructor(scope: Construct, id: string, props: CloudBuildAccessProps) {
    super(scope, id);
    const bucket = (bucketId: string, name: string, ageDays: number) =>
      new StorageBucket(this, bucketId, {
        project: props.projectId,
        name,
        location: props.region,
        uniformBucketLevelAccess: true,
        publicAccessPrevention: "enforced",
        lifecycleRule: [{ action: { type: "Delete" }, condition: { age: ageDays } }],
        forceDestroy: true,
        dependsOn: props.dependsOn,
      });
    // Uploaded sources are only needed while the build runs; logs for a month of investigations.
    this.sourceBucket = bucket("sources", props.sourceBucketName, 7);
    this.logsBucket = bucket("logs", props.logsBucketName, 30);
    new StorageBucketIamMember(this, "source-reader", {
      bucket: this.sourceBucket.name,
      role: "roles/storage.objectViewer",
      member: props.builderMember,
    });
    // Cloud Build streams the log into objects it creates and rewrites while the build runs.
    new StorageBucketIamMember(this, "log-writer", {
      bucket: this.logsBucket.name,
      role: "roles/storage.objectAdmin",
      member: props.builderMember,
    });
  }
}
