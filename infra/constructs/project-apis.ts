import { ProjectService } from "@cdktf/provider-google/lib/project-service/index.js";
import { Construct } from "constructs";

// serviceusage and cloudresourcemanager must already be on before Terraform can enable anything
// (docs/deployment.md bootstrap); listing them here keeps them on and documents the dependency.
export const REQUIRED_APIS = [
  "serviceusage.googleapis.com",
  "cloudresourcemanager.googleapis.com",
  "iam.googleapis.com",
  "iamcredentials.googleapis.com",
  "sts.googleapis.com",
  "run.googleapis.com",
  "artifactregistry.googleapis.com",
  "secretmanager.googleapis.com",
  "cloudbuild.googleapis.com",
  "storage.googleapis.com",
  "logging.googleapis.com",
  "monitoring.googleapis.com",
  "cloudtrace.googleapis.com",
] as const;

export interface ProjectApisProps {
  readonly projectId: string;
}

/** Turns on the APIs the stack uses; destroying the stack leaves them on for anything else. */
export class ProjectApis extends Construct {
  readonly services: ProjectService[];

  constructor(scope: Construct, id: string, props: ProjectApisProps) {
    super(scope, id);
    this.services = REQUIRED_APIS.map(
      (service) =>
        new ProjectService(this, service.split(".")[0]!, {
          project: props.projectId,
          service,
          disableOnDestroy: false,
          disableDependentServices: false,
        }),
    );
  }
}
