import { CloudRunDomainMapping } from "@cdktf/provider-google/lib/cloud-run-domain-mapping/index.js";
import {
  CloudRunV2Service,
  type CloudRunV2ServiceTemplateContainersEnv,
} from "@cdktf/provider-google/lib/cloud-run-v2-service/index.js";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { CONTAINER_PORT, HEALTH_PATH } from "../names.js";
import type { ServiceSecret } from "./service-secrets.js";

export interface McpServiceProps {
  readonly projectId: string;
  readonly region: string;
  readonly serviceName: string;
  /** Used when the service is created; afterwards the deploy pipeline owns the image. */
  readonly image: string;
  readonly serviceAccountEmail: string;
  /** Plain settings for the server (MCP_*), secrets excluded. */
  readonly env: Readonly<Record<string, string>>;
  readonly secrets: readonly ServiceSecret[];
  readonly minInstances: number;
  readonly maxInstances: number;
  readonly cpu: string;
  readonly memory: string;
  readonly concurrency: number;
  readonly deletionProtection: boolean;
  readonly customDomain?: string;
  readonly dependsOn: ITerraformDependable[];
}

/**
 * Fields `gcloud run services update` changes on every deploy. Ignoring them lets the pipeline roll
 * images while Terraform keeps owning everything else, so neither undoes the other.
 */
export const PIPELINE_OWNED_FIELDS = [
  "template[0].containers[0].image",
  "client",
  "client_version",
  // Deploys roll a no-traffic tagged revision and move traffic after the smoke test; a later
  // apply must not send traffic back to whatever Terraform last saw.
  "traffic",
];

/**
 * The server on Cloud Run: public ingress with the invoker IAM check disabled (the app
 * authenticates every /mcp call itself), probes on /health. `invoker_iam_disabled` replaces an
 * `allUsers` invoker grant, which organisations enforcing Domain Restricted Sharing refuse.
 */
export class McpService extends Construct {
  readonly service: CloudRunV2Service;

  constructor(scope: Construct, id: string, props: McpServiceProps) {
    super(scope, id);
    const env: CloudRunV2ServiceTemplateContainersEnv[] = [
      ...Object.entries(props.env).map(([name, value]) => ({ name, value })),
      ...props.secrets.map((s) => ({
        name: s.envName,
        valueSource: { secretKeyRef: { secret: s.secret.secretId, version: "latest" } },
      })),
    ];
    const healthCheck = { path: HEALTH_PATH, port: CONTAINER_PORT };

    this.service = new CloudRunV2Service(this, "service", {
      project: props.projectId,
      location: props.region,
      name: props.serviceName,
      description: "DevRev MCP server (Streamable HTTP)",
      ingress: "INGRESS_TRAFFIC_ALL",
      invokerIamDisabled: true,
      deletionProtection: props.deletionProtection,
      template: {
        serviceAccount: props.serviceAccountEmail,
        maxInstanceRequestConcurrency: props.concurrency,
        scaling: { minInstanceCount: props.minInstances, maxInstanceCount: props.maxInstances },
        containers: [
          {
            image: props.image,
            ports: { name: "http1", containerPort: CONTAINER_PORT },
            env,
            resources: {
              limits: { cpu: props.cpu, memory: props.memory },
              // Billed only while serving requests; the boost shortens cold starts.
              cpuIdle: true,
              startupCpuBoost: true,
            },
            startupProbe: {
              httpGet: healthCheck,
              periodSeconds: 2,
              timeoutSeconds: 2,
              failureThreshold: 15,
            },
            livenessProbe: {
              httpGet: healthCheck,
              periodSeconds: 30,
              timeoutSeconds: 5,
              failureThreshold: 3,
            },
          },
        ],
      },
      lifecycle: { ignoreChanges: PIPELINE_OWNED_FIELDS },
      dependsOn: props.dependsOn,
    });

    if (props.customDomain) {
      new CloudRunDomainMapping(this, "domain", {
        project: props.projectId,
        location: props.region,
        name: props.customDomain,
        metadata: { namespace: props.projectId },
        spec: { routeName: this.service.name },
      });
    }
  }
}
