import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { App } from "cdktf";
import { type InfraConfig, InfraConfigError, loadInfraConfig, SETTING_ENV } from "./config.js";
import { DEFAULT_ENVIRONMENT, STACK_NAME } from "./names.js";
import { DevrevMcpStack } from "./stack.js";

const CDKTF_JSON = new URL("../cdktf.json", import.meta.url);
/** One committed settings file per deployment: infra/environments/ENVIRONMENT.json. */
export const ENVIRONMENTS_DIR = fileURLToPath(new URL("./environments/", import.meta.url));

/** The "context" of cdktf.json; the cdktf CLI passes it itself, a plain `tsx` run does not. */
export function cdktfJsonContext(): Record<string, unknown> {
  const parsed = JSON.parse(readFileSync(CDKTF_JSON, "utf8")) as { context?: Record<string, unknown> };
  return parsed.context ?? {};
}

/**
 * The recorded settings of one environment (context keys, e.g. `{"projectId": "…", "stateBucket":
 * "…"}`), so the state backend and every other choice live in git and every run agrees on them.
 */
export function environmentSettings(environment: string, dir = ENVIRONMENTS_DIR): Record<string, unknown> {
  const file = join(dir, `${environment}.json`);
  if (!existsSync(file)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new InfraConfigError(`Invalid deployment configuration:\n  - ${file}: ${(err as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new InfraConfigError(`Invalid deployment configuration:\n  - ${file}: must be a JSON object`);
  }
  const unknown = Object.keys(parsed).filter((key) => key !== "$comment" && !(key in SETTING_ENV));
  if (unknown.length > 0) {
    throw new InfraConfigError(
      `Invalid deployment configuration:\n  - ${file}: unknown setting(s) ${unknown.join(", ")}; ` +
        `known: ${Object.keys(SETTING_ENV).join(", ")}`,
    );
  }
  return parsed as Record<string, unknown>;
}

export interface SynthResult {
  readonly config: InfraConfig;
  /** Directory holding cdk.tf.json, where `terraform init/plan/apply` run. */
  readonly stackDir: string;
}

/**
 * Validates the configuration and writes the Terraform JSON for the stack under `outdir`.
 * Precedence: environment variables, then infra/environments/ENVIRONMENT.json, then cdktf.json.
 */
export function synthesize(
  env: NodeJS.ProcessEnv,
  outdir?: string,
  context: Record<string, unknown> = {},
  environmentsDir = ENVIRONMENTS_DIR,
): SynthResult {
  const base = { ...cdktfJsonContext(), ...context };
  const environment = String(env[SETTING_ENV.environment] || base.environment || DEFAULT_ENVIRONMENT);
  const recorded = environmentSettings(environment, environmentsDir);
  const app = new App({ ...(outdir && { outdir }), context: { ...base, ...recorded } });
  const config = loadInfraConfig(env, (key) => app.node.tryGetContext(key));
  new DevrevMcpStack(app, STACK_NAME, config);
  app.synth();
  return { config, stackDir: join(app.outdir, "stacks", STACK_NAME) };
}
