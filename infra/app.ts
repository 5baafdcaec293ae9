import { readFileSync } from "node:fs";
import { join } from "node:path";
import { App } from "cdktf";
import { type InfraConfig, loadInfraConfig } from "./config.js";
import { STACK_NAME } from "./names.js";
import { DevrevMcpStack } from "./stack.js";

const CDKTF_JSON = new URL("../cdktf.json", import.meta.url);

/** The "context" of cdktf.json; the cdktf CLI passes it itself, a plain `tsx` run does not. */
export function cdktfJsonContext(): Record<string, unknown> {
  const parsed = JSON.parse(readFileSync(CDKTF_JSON, "utf8")) as { context?: Record<string, unknown> };
  return parsed.context ?? {};
}

export interface SynthResult {
  readonly config: InfraConfig;
  /** Directory holding cdk.tf.json, where `terraform init/plan/apply` run. */
  readonly stackDir: string;
}

/** Validates the configuration and writes the Terraform JSON for the stack under `outdir`. */
export function synthesize(
  env: NodeJS.ProcessEnv,
  outdir?: string,
  context: Record<string, unknown> = {},
): SynthResult {
  const app = new App({ ...(outdir && { outdir }), context: { ...cdktfJsonContext(), ...context } });
  const config = loadInfraConfig(env, (key) => app.node.tryGetContext(key));
  new DevrevMcpStack(app, STACK_NAME, config);
  app.synth();
  return { config, stackDir: join(app.outdir, "stacks", STACK_NAME) };
}
