// Turns the stack's outputs into the GitHub Actions variables .github/workflows/deploy.yml reads.
// Run as `scripts/configure-github` (see --help). Exit codes: 0 done, 1 failed, 2 bad usage.

import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  deploymentNames,
  GITHUB_DEPLOY_VARIABLES,
  GITHUB_INFRA_VARIABLES,
  GITHUB_SMOKE_SECRET,
  STACK_NAME,
} from "../infra/names.js";

const USAGE = `Usage: scripts/configure-github --outputs FILE [--env ENVIRONMENT] [--repo OWNER/REPO] [--apply] [--dry-run]

Reads the stack's outputs and prints the GitHub Actions variables the deploy and infrastructure
workflows read; with --apply, sets them with the GitHub CLI (gh variable set), which must be
installed and logged in. The deploy variables go on --env (or the repository); the infrastructure
workflow's go on the stack's ENVIRONMENT-plan and ENVIRONMENT-infra environments.

FILE (or - for standard input) is either format:
  terraform output -json > FILE                 (run in cdktf.out/stacks/${STACK_NAME})
  npm run --silent output -- --outputs-file FILE   (cdktf output)

Variables (name <- stack output):
${Object.entries(GITHUB_DEPLOY_VARIABLES)
  .map(([name, output]) => `  ${name.padEnd(28)} <- ${output}`)
  .join("\n")}
Infrastructure variables (ENVIRONMENT-plan gets the plan account, ENVIRONMENT-infra the apply one):
${Object.entries(GITHUB_INFRA_VARIABLES)
  .map(([name, output]) => `  ${name.padEnd(28)} <- ${output}`)
  .join("\n")}

Options:
  --outputs FILE   the outputs JSON (required)
  --env NAME       set them on a GitHub environment (staging, production) instead of the repository
  --repo O/R       the repository (default: the one gh finds from the current directory)
  --apply          set the variables with gh
  --dry-run        print the gh commands --apply would run, without running them
  -h, --help       this help

The smoke test's token is a secret and is never read from a file: set it yourself with
  gh secret set ${GITHUB_SMOKE_SECRET} [--env NAME]        (prompts for the value)`;

class UsageError extends Error {}

type Outputs = Record<string, unknown>;

/** Flattens `terraform output -json` ({name: {value}}) and cdktf's file ({stack: {name: value}}). */
function readOutputs(json: unknown): Record<string, string> {
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    throw new UsageError("the outputs file is not a JSON object");
  }
  let outputs = json as Outputs;
  const stack = outputs[STACK_NAME];
  if (stack && typeof stack === "object" && !("value" in stack)) outputs = stack as Outputs;
  const flat: Record<string, string> = {};
  for (const [name, raw] of Object.entries(outputs)) {
    const value =
      raw !== null && typeof raw === "object" && "value" in raw ? (raw as { value: unknown }).value : raw;
    if (typeof value === "string" || typeof value === "number") flat[name] = String(value);
  }
  return flat;
}

/** An output by its Terraform name, or camelCased as some cdktf versions write the outputs file. */
const lookup = (outputs: Record<string, string>, name: string) =>
  outputs[name] ?? outputs[name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())];

interface Assignment {
  readonly name: string;
  readonly value: string;
  /** GitHub environment, or undefined for the repository. */
  readonly env: string | undefined;
}

function variables(outputs: Record<string, string>, deployEnv: string | undefined): Assignment[] {
  const wanted = [
    ...Object.values(GITHUB_DEPLOY_VARIABLES),
    ...Object.values(GITHUB_INFRA_VARIABLES),
    "environment",
  ];
  const missing = [...new Set(wanted)].filter((o) => !lookup(outputs, o));
  if (missing.length > 0) {
    throw new UsageError(
      `the outputs lack ${missing.join(", ")}: is this the ${STACK_NAME} stack's output, after an apply with this version of infra/?`,
    );
  }
  const github = deploymentNames(
    lookup(outputs, "environment")!,
    lookup(outputs, "project_id")!,
  ).githubEnvironments;
  const value = (output: string) => lookup(outputs, output)!;
  return [
    ...Object.entries(GITHUB_DEPLOY_VARIABLES).map(([name, output]) => ({
      name,
      value: value(output),
      env: deployEnv,
    })),
    { name: "WIF_PROVIDER", value: value(GITHUB_INFRA_VARIABLES.WIF_PROVIDER), env: github.infraPlan },
    {
      name: "INFRA_PLAN_SERVICE_ACCOUNT",
      value: value(GITHUB_INFRA_VARIABLES.INFRA_PLAN_SERVICE_ACCOUNT),
      env: github.infraPlan,
    },
    { name: "WIF_PROVIDER", value: value(GITHUB_INFRA_VARIABLES.WIF_PROVIDER), env: github.infraApply },
    {
      name: "INFRA_APPLY_SERVICE_ACCOUNT",
      value: value(GITHUB_INFRA_VARIABLES.INFRA_APPLY_SERVICE_ACCOUNT),
      env: github.infraApply,
    },
  ];
}

const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

function main(argv: string[]): number {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const err = (line: string) => process.stderr.write(`${line}\n`);
  let values: {
    outputs?: string;
    env?: string;
    repo?: string;
    apply?: boolean;
    "dry-run"?: boolean;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        outputs: { type: "string" },
        env: { type: "string" },
        repo: { type: "string" },
        apply: { type: "boolean" },
        "dry-run": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
    if (values.help) {
      out(USAGE);
      return 0;
    }
    if (!values.outputs) throw new UsageError("--outputs FILE is required");
    if (values.env !== undefined && !/^[A-Za-z0-9._-]+$/.test(values.env)) {
      throw new UsageError(`not a GitHub environment name: ${values.env}`);
    }
    if (values.repo !== undefined && !/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/.test(values.repo)) {
      throw new UsageError(`--repo must be OWNER/REPO: ${values.repo}`);
    }
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      err(`configure-github: ${(e as Error).message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }

  let pairs: Assignment[];
  try {
    const text = readFileSync(values.outputs === "-" ? 0 : values.outputs, "utf8");
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new UsageError(`${values.outputs} is not JSON`);
    }
    pairs = variables(readOutputs(json), values.env);
  } catch (e) {
    const message =
      e instanceof UsageError ? e.message : `cannot read ${values.outputs}: ${(e as Error).message}`;
    err(`configure-github: ${message}`);
    return e instanceof UsageError ? 2 : 1;
  }

  const commands = pairs.map(({ name, value, env }) => [
    "variable",
    "set",
    name,
    "--body",
    value,
    ...(env ? ["--env", env] : []),
    ...(values.repo ? ["--repo", values.repo] : []),
  ]);
  const where = values.env ? `environment ${values.env}` : "the repository";

  if (values["dry-run"]) {
    out(`Dry run: nothing is set. These commands would run for ${where}:`);
    for (const c of commands) out(`+ gh ${c.map(quote).join(" ")}`);
    return 0;
  }

  if (!values.apply) {
    out(`GitHub Actions variables (Settings → Secrets and variables → Actions → Variables):`);
    for (const { name, value, env } of pairs)
      out(`  ${env ? `environment ${env}` : "repository"}: ${name}=${value}`);
    out("");
    out("Set them with the GitHub CLI (or run again with --apply):");
    for (const c of commands) out(`  gh ${c.map(quote).join(" ")}`);
    out("");
    out(`Then the smoke test's token (prompts; never put it in a file or an argument):`);
    out(`  gh secret set ${GITHUB_SMOKE_SECRET}${values.env ? ` --env ${values.env}` : ""}`);
    return 0;
  }

  if (spawnSync("gh", ["--version"], { stdio: "ignore" }).status !== 0) {
    err(
      "configure-github: the GitHub CLI (gh) is not installed; run without --apply and set the variables by hand",
    );
    return 1;
  }
  for (const c of commands) {
    out(`+ gh ${c.map(quote).join(" ")}`);
    try {
      execFileSync("gh", c, { stdio: ["ignore", "inherit", "inherit"] });
    } catch {
      err(
        `configure-github: gh ${c.slice(0, 3).join(" ")} failed (is gh logged in with access to the repository?)`,
      );
      return 1;
    }
  }
  out(`configure-github: ${commands.length} variables set (deploy variables for ${where}).`);
  out(`Now set the secret: gh secret set ${GITHUB_SMOKE_SECRET}${values.env ? ` --env ${values.env}` : ""}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
