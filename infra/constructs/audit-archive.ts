import { LoggingProjectSink } from "@cdktf/provider-google/lib/logging-project-sink/index.js";
import { StorageBucket } from "@cdktf/provider-google/lib/storage-bucket/index.js";
import { StorageBucketIamMember } from "@cdktf/provider-google/lib/storage-bucket-iam-member/index.js";
import { Annotations, type ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { auditLogFilter } from "./monitoring.js";

export interface AuditArchiveProps {
  readonly projectId: string;
  readonly region: string;
  readonly serviceName: string;
  readonly bucketName: string;
  readonly sinkName: string;
  /** Objects cannot be deleted or overwritten before they are this old, and are deleted after. */
  readonly retentionDays: number;
  /** Locks the retention policy. Irreversible: see configWarnings in infra/config.ts. */
  readonly lockRetention: boolean;
  readonly dependsOn: ITerraformDependable[];
}

const DAY_SECONDS = 24 * 60 * 60;

/**
 * Keeps the server's audit events beyond Cloud Logging's 30-day default: a log sink copies every
 * audit line of the service into a bucket whose retention policy stops anyone deleting or
 * rewriting them early. The sink writes as its own identity, which may only create objects.
 */
export class AuditArchive extends Construct {
  readonly bucket: StorageBucket;
  readonly sink: LoggingProjectSink;

  constructor(scope: Construct, id: string, props: AuditArchiveProps) {
    super(scope, id);
    if (props.lockRetention) {
      Annotations.of(this).addWarning(
        `The audit bucket's retention policy will be LOCKED: irreversible, ${props.retentionDays} days minimum.`,
      );
    }
    this.bucket = new StorageBucket(this, "bucket", {
      project: props.projectId,
      name: props.bucketName,
      location: props.region,
      uniformBucketLevelAccess: true,
      publicAccessPrevention: "enforced",
      retentionPolicy: {
        retentionPeriod: props.retentionDays * DAY_SECONDS,
        isLocked: props.lockRetention,
      },
      // Retention only forbids early deletion; this deletes once it allows.
      lifecycleRule: [{ action: { type: "Delete" }, condition: { age: props.retentionDays } }],
      // Audit records are never thrown away by a destroy; empty the bucket by hand if you mean it.
      forceDestroy: false,
      dependsOn: props.dependsOn,
    });
    this.sink = new LoggingProjectSink(this, "sink", {
      project: props.projectId,
      name: props.sinkName,
      description: `Audit events of ${props.serviceName} (jsonPayload.message="audit") to ${this.bucket.name}`,
      destination: `storage.googleapis.com/${this.bucket.name}`,
      filter: auditLogFilter(props.serviceName),
      uniqueWriterIdentity: true,
      dependsOn: props.dependsOn,
    });
    new StorageBucketIamMember(this, "sink-writer", {
      bucket: this.bucket.name,
      role: "roles/storage.objectCreator",
      // writer_identity is already "serviceAccount:…".
      member: this.sink.writerIdentity,
    });
  }
}
