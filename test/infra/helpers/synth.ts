import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { synthesize } from "../../../infra/app.js";
import type { InfraConfig } from "../../../infra/config.js";
import { deploymentNames } from "../../../infra/names.js";

export type TfBlock = Record<string, unknown>;

export interface TfJson {
  resource: Record<string, Record<string, TfBlock>>;
  data: Record<string, Record<string, TfBlock>>;
  output: Record<string, { value: string }>;
  provider: { google: TfBlock[] };
  terraform: { backend: Record<string, TfBlock> };
}

/** Settings every stack needs; tests add or override the rest. */
export const BASE_ENV = {
  DEPLOY_PROJECT_ID: "acme-mcp-prod",
  DEPLOY_GITHUB_REPOSITORY: "acme/devrev-mcp-server",
  DEPLOY_GITHUB_REPOSITORY_ID: "812345678",
  DEPLOY_GITHUB_OWNER_ID: "4567890",
  DEPLOY_ALLOWED_DOMAINS: "acme.com",
  DEPLOY_STATE_BUCKET: "acme-mcp-prod-tfstate",
} as const;

/** A folder with no infra/environments/*.json, so committed settings never leak into tests. */
export const NO_RECORDED_SETTINGS = join(tmpdir(), "devrev-mcp-no-environments");

/** A Terraform interpolation, as cdktf writes references into the JSON. */
export const tf = (expression: string) => "$" + `{${expression}}`;
export const PROJECT_NUMBER = tf("data.google_project.project.number");

export interface Synthesized {
  readonly json: TfJson;
  readonly config: InfraConfig;
  /** Every resource of one Terraform type. */
  all(type: string): TfBlock[];
  /** The single resource of a type; fails when there are none or several. */
  one(type: string): TfBlock;
  /** `type.name` address of a resource, as used in depends_on and references. */
  address(type: string, block: TfBlock): string;
  /** Interpolation of one attribute of a resource, e.g. `${google_service_account.x.email}`. */
  ref(type: string, block: TfBlock, attribute: string): string;
}

/** Synthesizes the stack with only `env` (never the caller's environment) into a throwaway dir. */
export function synthStack(env: Record<string, string> = {}): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), "devrev-mcp-synth-"));
  try {
    const { config, stackDir } = synthesize({ ...BASE_ENV, ...env }, outdir, {}, NO_RECORDED_SETTINGS);
    const json = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")) as TfJson;
    const all = (type: string) => Object.values(json.resource[type] ?? {});
    const address = (type: string, block: TfBlock) => {
      const entry = Object.entries(json.resource[type] ?? {}).find(([, b]) => b === block);
      if (!entry) throw new Error(`not a ${type}`);
      return `${type}.${entry[0]}`;
    };
    return {
      json,
      config,
      all,
      one(type) {
        const found = all(type);
        if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
        return found[0]!;
      },
      address,
      ref: (type, block, attribute) => tf(`${address(type, block)}.${attribute}`),
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The names of the default (production) deployment of BASE_ENV. */
export const NAMES = deploymentNames("production", BASE_ENV.DEPLOY_PROJECT_ID);
