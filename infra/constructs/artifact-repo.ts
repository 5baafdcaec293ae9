import { ArtifactRegistryRepository } from "@cdktf/provider-google/lib/artifact-registry-repository/index.js";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { IMAGE_NAME, IMAGES_KEPT, imageRepositoryUrl } from "../names.js";

export interface ArtifactRepoProps {
  readonly projectId: string;
  readonly region: string;
  readonly repositoryId: string;
  readonly dependsOn: ITerraformDependable[];
}

const DAY_SECONDS = 24 * 60 * 60;

/** Docker repository for the server image, pruned so storage cost stays flat. */
export class ArtifactRepo extends Construct {
  readonly repository: ArtifactRegistryRepository;
  /** Image path without a tag: REGION-docker.pkg.dev/PROJECT/REPO/IMAGE. */
  readonly imageUrl: string;

  constructor(scope: Construct, id: string, props: ArtifactRepoProps) {
    super(scope, id);
    this.repository = new ArtifactRegistryRepository(this, "repository", {
      project: props.projectId,
      location: props.region,
      repositoryId: props.repositoryId,
      format: "DOCKER",
      description: "DevRev MCP server images",
      // A pushed tag can never be moved to other content: a release tag always names the image
      // that was tested. Deploys go by digest anyway (deploy.yml, cloudbuild.yaml).
      dockerConfig: { immutableTags: true },
      cleanupPolicyDryRun: false,
      // KEEP wins over DELETE: the newest images (the running one among them) always survive.
      cleanupPolicies: [
        {
          id: "keep-recent",
          action: "KEEP",
          mostRecentVersions: { packageNamePrefixes: [IMAGE_NAME], keepCount: IMAGES_KEPT },
        },
        {
          id: "delete-untagged",
          action: "DELETE",
          condition: { tagState: "UNTAGGED", olderThan: `${7 * DAY_SECONDS}s` },
        },
        {
          id: "delete-old-tagged",
          action: "DELETE",
          condition: { tagState: "TAGGED", olderThan: `${30 * DAY_SECONDS}s` },
        },
      ],
      dependsOn: props.dependsOn,
    });
    this.imageUrl = imageRepositoryUrl(props.region, props.projectId, props.repositoryId);
  }
}
