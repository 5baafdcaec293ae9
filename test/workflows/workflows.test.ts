import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { validateWorkflow } from "@action-validator/core";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  CANDIDATE_TAG,
  GITHUB_DEPLOY_VARIABLES,
  GITHUB_INFRA_VARIABLES,
  GITHUB_SMOKE_SECRET,
} from "../../infra/names.js";
import { synthStack } from "../infra/helpers/synth.js";

// Both GitHub workflows, validated offline against GitHub's workflow schema (action-validator, a
// WebAssembly build) and checked for what matters here: deploy cannot run before the tests pass,
// it authenticates through Workload Identity Federation with no stored key, permissions are the
// least each job needs, and every action is pinned to a commit.

const ROOT = new URL("../../", import.meta.url).pathname;
/** A GitHub Actions expression as written in the YAML. */
const expr = (expression: string) => "$" + `{{ ${expression} }}`;
const FILES = ["ci.yml", "deploy.yml", "infra.yml", "release.yml"] as const;

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  name?: string;
  strategy?: { matrix?: Record<string, unknown>; "max-parallel"?: number; "fail-fast"?: boolean };
  uses?: string;
  with?: Record<string, string>;
  needs?: string | string[];
  if?: string;
  permissions?: Record<string, string>;
  environment?: { name: string; url?: string };
  concurrency?: { group: string; "cancel-in-progress": boolean | string };
  env?: Record<string, string>;
  steps?: Step[];
}
interface Workflow {
  name: string;
  env?: Record<string, string>;
  on: Record<string, unknown> & { pull_request?: { paths?: string[] }; push?: { paths?: string[] } };
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress": boolean | string };
  jobs: Record<string, Job>;
}

const text = (file: string) => readFileSync(join(ROOT, ".github/workflows", file), "utf8");
const load = (file: string) => parse(text(file)) as Workflow;
const ci = load("ci.yml");
const deploy = load("deploy.yml");
const infra = load("infra.yml");
const release = load("release.yml");
const steps = (job: Job | undefined) => job?.steps ?? [];
const runs = (job: Job | undefined) => steps(job).flatMap((s) => (s.run ? [s.run] : []));
const stepIndex = (job: Job, test: (s: Step) => boolean) => {
  const i = steps(job).findIndex(test);
  expect(i, "step not found").toBeGreaterThanOrEqual(0);
  return i;
};
const usesAction = (name: string) => (s: Step) => s.uses?.split("@")[0] === name;
const deployJob = deploy.jobs.deploy!;

describe("schema validation (action-validator, offline)", () => {
  it.each(FILES)("%s is a valid workflow", (file) => {
    const result = validateWorkflow(text(file));
    expect(result.errors).toEqual([]);
  });

  it("also passes the action-validator CLI", async () => {
    const cli = join(ROOT, "node_modules/@action-validator/cli/cli.mjs");
    for (const file of FILES) {
      await expect(
        promisify(execFile)(process.execPath, [cli, join(ROOT, ".github/workflows", file)]),
      ).resolves.toBeDefined();
    }
  });

  it("rejects a broken workflow (the validator is not vacuous)", () => {
    const broken = text("deploy.yml").replace("needs: [test]", "needs: [tests]");
    expect(validateWorkflow(broken).errors.map((e) => e.code)).toContain("unresolved_job");
  });
});

describe("supply chain", () => {
  it.each(FILES)("%s pins every action to a full commit SHA with its version beside it", (file) => {
    const lines = text(file)
      .split("\n")
      .filter((l) => /^\s*(-\s+)?uses:/.test(l));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const ref = line.replace(/^\s*(-\s+)?uses:\s*/, "");
      if (ref.startsWith("./")) continue; // a workflow of this repository, at this commit
      expect(ref, line).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    }
  });

  it.each(FILES)("%s never interpolates expressions into shell scripts (values go through env)", (file) => {
    const workflow = load(file);
    for (const job of Object.values(workflow.jobs)) {
      for (const run of runs(job)) expect(run).not.toContain("$" + "{{");
    }
  });

  it.each(FILES)("%s keeps the checkout token out of the workspace", (file) => {
    for (const job of Object.values(load(file).jobs)) {
      for (const s of steps(job).filter(usesAction("actions/checkout"))) {
        expect(s.with?.["persist-credentials"]).toBe(false);
      }
    }
  });
});

describe("least privilege", () => {
  it("ci.yml can only read the repository", () => {
    expect(ci.permissions).toEqual({ contents: "read" });
    for (const job of Object.values(ci.jobs)) expect(job.permissions).toBeUndefined();
  });

  it.each(["infra.yml", "release.yml"] as const)("%s grants nothing by default", (file) => {
    expect(load(file).permissions).toEqual({});
  });

  it("deploy.yml grants nothing by default and id-token only to the deploy job", () => {
    expect(deploy.permissions).toEqual({});
    expect(deploy.jobs.test?.permissions).toEqual({ contents: "read" });
    expect(deployJob.permissions).toEqual({ contents: "read", "id-token": "write" });
    expect(Object.keys(deploy.jobs).sort()).toEqual(["deploy", "test"]);
  });
});

describe("deploy waits for the same checks as CI", () => {
  it("runs ci.yml as a reusable workflow on the release ref", () => {
    expect(ci.on).toHaveProperty("workflow_call");
    expect(deploy.jobs.test).toMatchObject({
      uses: "./.github/workflows/ci.yml",
      with: { ref: expr("github.ref") },
    });
    for (const job of Object.values(ci.jobs)) {
      const checkout = steps(job).find(usesAction("actions/checkout"));
      expect(checkout?.with?.ref).toBe(expr("inputs.ref"));
    }
  });

  it("needs the test job and cannot be forced past a failure", () => {
    expect([deployJob.needs].flat()).toContain("test");
    expect(deployJob.if).toBeUndefined();
    for (const job of Object.values(ci.jobs)) expect(job.if).toBeUndefined(); // no check is skipped
  });

  it("deploys the commit that was tested: the tag is the run's own ref", () => {
    expect(deployJob.env?.RELEASE_TAG).toBe(expr("github.ref_name"));
    expect(deployJob.env?.REF_TYPE).toBe(expr("github.ref_type"));
    const checkout = steps(deployJob).find(usesAction("actions/checkout"));
    expect(checkout?.with?.ref).toBe(expr("github.ref"));
    // A manual run started from a branch is refused: environments' "v* tags only" rule then holds.
    expect(steps(deployJob)[0]?.run).toContain('if [[ "$REF_TYPE" != tag ||');
  });

  it("runs on v* tags and on demand (on a tag) with an environment, never a tag input", () => {
    expect(deploy.on.push).toEqual({ tags: ["v*"] });
    expect(deploy.on.workflow_dispatch).toEqual({
      inputs: {
        environment: expect.objectContaining({ type: "choice", options: ["staging", "production"] }),
      },
    });
    expect(deployJob.environment?.name).toBe(expr("inputs.environment || 'production'"));
    expect(deployJob.concurrency).toEqual({
      group: `deploy-${expr("inputs.environment || 'production'")}`,
      "cancel-in-progress": false,
    });
  });
});

describe("CI runs what npm test runs, and validates the stack", () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
    engines?: { node?: string };
  };
  const testJob = ci.jobs.test!;

  it("tests on Node 24 (the image's) and Node 20 (the package's engines floor)", () => {
    expect(testJob.strategy?.matrix?.node).toEqual(["24", "20"]);
    expect(steps(testJob).find(usesAction("actions/setup-node"))?.with?.["node-version"]).toBe(
      expr("matrix.node"),
    );
    expect(pkg.engines?.node).toBe(">=20.11");
    expect(ci.env?.NODE_VERSION).toBe("24");
  });

  it("installs both lockfiles with npm ci and an npm cache", () => {
    const install = runs(testJob).join("\n");
    expect(install).toMatch(/^npm ci\b/m);
    expect(install).toMatch(/^npm ci .*--prefix test\/conformance\/runtime$/m);
    for (const job of Object.values(ci.jobs)) {
      const node = steps(job).find(usesAction("actions/setup-node"));
      expect(node?.with?.cache).toBe("npm");
      expect(runs(job).join("\n")).not.toMatch(/npm install/);
    }
  });

  it("runs every part of the npm test script", () => {
    const commands = runs(testJob).map((r) => r.trim());
    for (const part of pkg.scripts.test!.split("&&").map((p) => p.trim())) {
      expect(
        commands.some((c) => c === part || c === `npx ${part}`),
        part,
      ).toBe(true);
    }
  });

  it("synthesizes, uploads cdktf.out, and runs terraform init -backend=false then validate", () => {
    const infra = ci.jobs.infra!;
    // cdktf synth writes where --output says (it overrides CDKTF_OUTDIR for the app).
    const synths = runs(infra).filter((r) => r.startsWith("npm run synth"));
    expect(synths.length).toBeGreaterThanOrEqual(3);
    for (const r of synths) expect(r).toMatch(/^npm run synth -- --output cdktf\.out\/[a-z]+$/);
    const upload = steps(infra).find(usesAction("actions/upload-artifact"));
    expect(upload?.with?.path).toBe("cdktf.out/");
    const terraform = steps(infra).find(usesAction("hashicorp/setup-terraform"));
    expect(terraform?.with?.terraform_wrapper).toBe(false);
    const validate = runs(infra).find((r) => r.includes("terraform validate"));
    expect(validate).toMatch(/terraform init -backend=false -input=false && terraform validate/);
    expect(stepIndex(infra, (s) => s === terraform)).toBeLessThan(
      stepIndex(infra, (s) => s.run?.includes("terraform validate") === true),
    );
  });

  it("has a concurrency group that cancels superseded pull request runs", () => {
    expect(ci.concurrency?.group).toContain("github.event.pull_request.number");
    expect(ci.concurrency?.["cancel-in-progress"]).toBe(expr("github.event_name == 'pull_request'"));
    expect(ci.on).toHaveProperty("pull_request");
    expect(ci.on).toHaveProperty("push");
  });
});

describe("no long-lived key: Workload Identity Federation only", () => {
  const auth = steps(deployJob).find(usesAction("google-github-actions/auth"))!;

  it("authenticates with the WIF provider and deployer account variables", () => {
    expect(auth.with).toEqual({
      workload_identity_provider: expr("vars.WIF_PROVIDER"),
      service_account: expr("vars.DEPLOYER_SERVICE_ACCOUNT"),
      project_id: expr("vars.GCP_PROJECT_ID"),
    });
    expect(GITHUB_DEPLOY_VARIABLES.WIF_PROVIDER).toBe("workload_identity_provider");
    expect(GITHUB_DEPLOY_VARIABLES.DEPLOYER_SERVICE_ACCOUNT).toBe("deployer_service_account");
  });

  it.each(FILES)("%s references no JSON key and no secret but the smoke token", (file) => {
    const source = text(file);
    expect(source).not.toMatch(
      /credentials_json|GOOGLE_APPLICATION_CREDENTIALS|_KEY\b|service_account_key|\.json\s*}}/i,
    );
    const secrets = [...source.matchAll(/secrets\.([A-Za-z0-9_]+)/g)].map((m) => m[1]);
    const allowed: Record<string, string[]> = {
      "deploy.yml": [GITHUB_SMOKE_SECRET],
      "release.yml": ["NPM_TOKEN"],
    };
    expect(new Set(secrets)).toEqual(new Set(allowed[file] ?? []));
  });

  it("reads exactly the variables scripts/configure-github sets, each from a real stack output", () => {
    const used = new Set([...text("deploy.yml").matchAll(/vars\.([A-Z0-9_]+)/g)].map((m) => m[1]));
    expect(used).toEqual(new Set(Object.keys(GITHUB_DEPLOY_VARIABLES)));
    const outputs = Object.keys(synthStack().json.output);
    for (const output of Object.values(GITHUB_DEPLOY_VARIABLES)) expect(outputs).toContain(output);
  });
});

describe("what the deploy job does", () => {
  let gcloud: string[];
  beforeAll(() => {
    // Each gcloud command, continuation lines joined.
    gcloud = runs(deployJob)
      .map((r) => r.replace(/\\\n\s*/g, ""))
      .flatMap((r) => r.split("\n"))
      .flatMap((l) => [...l.matchAll(/gcloud ([a-z-]+(?: [a-z-]+){1,2})/g)].map((m) => m[1]!));
  });

  it("uses only what the deployer account may do: push one repository, roll one service", () => {
    expect(new Set(gcloud)).toEqual(
      new Set([
        "auth configure-docker",
        "artifacts docker images",
        "run services update",
        "run services update-traffic",
        "run services describe",
      ]),
    );
    expect(runs(deployJob).join("\n")).not.toMatch(/gcloud builds|cloudbuild/);
  });

  it("builds before authenticating, then pushes, rolls out a candidate, smoke-tests it and moves traffic, in that order", () => {
    const build = stepIndex(deployJob, (s) => s.run?.includes("docker build") === true);
    const auth = stepIndex(deployJob, usesAction("google-github-actions/auth"));
    const push = stepIndex(deployJob, (s) => s.run?.includes("docker push") === true);
    const candidate = stepIndex(deployJob, (s) => s.run?.includes("gcloud run services update ") === true);
    const smoke = stepIndex(deployJob, (s) => s.run?.includes("scripts/smoke") === true);
    const promote = stepIndex(deployJob, (s) => s.run?.includes("update-traffic") === true);
    const order = [build, auth, push, candidate, smoke, promote];
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(new Set(order).size).toBe(6);
    // Nothing after the smoke test may be skipped past a failure except the summary.
    for (const s of steps(deployJob).slice(smoke, -1)) expect(s.if).toBeUndefined();
  });

  it("rolls out only the image, by digest, with no traffic under the candidate tag", () => {
    const push = steps(deployJob).find((s) => s.run?.includes("docker push"))!;
    expect(push.run).toContain("{{index .RepoDigests 0}}");
    expect(push.run).toContain('echo "image=$IMAGE_REPOSITORY@$existing"');
    const candidate = steps(deployJob).find((s) => s.run?.includes("gcloud run services update "))!;
    expect(candidate.env?.IMAGE).toBe(expr("steps.push.outputs.image"));
    expect(candidate.run).toMatch(
      /gcloud run services update "\$CLOUD_RUN_SERVICE" .*--image "\$IMAGE" --no-traffic --tag "\$CANDIDATE_TAG" --quiet/s,
    );
    expect(candidate.run).not.toMatch(/--(set|update)-env-vars|--service-account|--memory|--cpu|--to-latest/);
    expect(deployJob.env?.CANDIDATE_TAG).toBe(CANDIDATE_TAG);
    expect(runs(deployJob).join("\n")).not.toContain("--to-latest");
  });

  it("smoke-tests the candidate's tag URL (a host the stack allows) with the PAT secret and the released version", () => {
    const step = steps(deployJob).find((s) => s.run?.includes("scripts/smoke"))!;
    expect(step.env?.DEVREV_SMOKE_PAT).toBe(expr(`secrets.${GITHUB_SMOKE_SECRET}`));
    expect(step.env?.CANDIDATE_URL).toBe(expr("steps.candidate.outputs.url"));
    expect(step.run).toContain('scripts/smoke "$CANDIDATE_URL" --expect-version "$VERSION"');
    const candidate = steps(deployJob).find((s) => s.run?.includes("gcloud run services update "))!;
    expect(candidate.run).toContain(`echo "url=https://$CANDIDATE_TAG---$` + `{SERVICE_URL#https://}"`);
    expect(deployJob.env?.SERVICE_URL).toBe(expr("vars.SERVICE_URL"));
    // The same host the stack adds to MCP_ALLOWED_HOSTS.
    const env = (
      synthStack().one("google_cloud_run_v2_service").template as {
        containers: { env: { name: string; value?: string }[] }[];
      }
    ).containers[0]!.env;
    const hosts = env.find((e) => e.name === "MCP_ALLOWED_HOSTS")!.value!.split(",");
    expect(hosts).toContain(`${CANDIDATE_TAG}---${hosts[0]}`);
  });

  it("moves all traffic to exactly the tested revision", () => {
    const promote = steps(deployJob).find((s) => s.run?.includes("update-traffic"))!;
    expect(promote.env?.REVISION).toBe(expr("steps.candidate.outputs.revision"));
    expect(promote.run).toMatch(/update-traffic "\$CLOUD_RUN_SERVICE" .*--to-revisions "\$REVISION=100"/s);
  });

  it("writes a job summary with the URL and the version, even when a step failed", () => {
    const summary = steps(deployJob).at(-1)!;
    expect(summary.if).toBe("always()");
    expect(summary.run).toContain('>> "$GITHUB_STEP_SUMMARY"');
    expect(summary.run).toContain("$SERVICE_URL");
    expect(summary.run).toContain("$RELEASE_TAG");
  });
});

describe("docs/cicd.md", () => {
  it("documents every variable the deploy workflow reads, with its stack output", () => {
    const doc = readFileSync(join(ROOT, "docs/cicd.md"), "utf8");
    for (const [name, output] of Object.entries(GITHUB_DEPLOY_VARIABLES)) {
      expect(doc).toMatch(new RegExp(`\\| \`${name}\` \\| \`${output}\` \\|`));
    }
    expect(doc).toContain(`gh secret set ${GITHUB_SMOKE_SECRET}`);
  });
});

describe("infra.yml: plan on pull requests, apply on approval", () => {
  const plan = infra.jobs.plan!;
  const apply = infra.jobs.apply!;
  const authOf = (job: Job) => steps(job).find(usesAction("google-github-actions/auth"))!;

  it("runs on pull requests and pushes to main that touch the stack, and on demand", () => {
    expect(infra.on.pull_request?.paths).toEqual(expect.arrayContaining(["infra/**", "cdktf.json"]));
    expect(infra.on.push).toMatchObject({ branches: ["main"] });
    expect(infra.on).toHaveProperty("workflow_dispatch");
  });

  it("plans every recorded deployment as the read-only account, in ENV-plan, with the plan in the summary", () => {
    expect(plan.strategy?.matrix?.environment).toBe(expr("fromJSON(needs.environments.outputs.list)"));
    expect(plan.environment?.name).toBe(`${expr("matrix.environment")}-plan`);
    expect(plan.permissions).toEqual({ contents: "read", "id-token": "write" });
    expect(authOf(plan).with?.service_account).toBe(expr("vars.INFRA_PLAN_SERVICE_ACCOUNT"));
    const script = runs(plan).find((r) => r.includes("terraform plan"))!;
    expect(script).toContain("terraform plan -lock=false -input=false -no-color -out=tfplan");
    expect(script).toMatch(/terraform show -no-color tfplan[^\n]*\n[\s\S]*>> "\$GITHUB_STEP_SUMMARY"/);
    expect(runs(plan)).toContain("npm run synth -- --output cdktf.out");
    expect(plan.env?.DEPLOY_ENVIRONMENT).toBe(expr("matrix.environment"));
  });

  it("applies only outside pull requests, after the plan, in ENV-infra, as a separate identity", () => {
    expect(apply.if).toBe("github.event_name != 'pull_request'");
    expect([apply.needs].flat()).toContain("plan");
    expect(apply.environment?.name).toBe(`${expr("matrix.environment")}-infra`);
    expect(authOf(apply).with?.service_account).toBe(expr("vars.INFRA_APPLY_SERVICE_ACCOUNT"));
    expect(authOf(apply).with?.service_account).not.toBe(authOf(plan).with?.service_account);
    expect(apply.strategy?.["max-parallel"]).toBe(1);
    const script = runs(apply).find((r) => r.includes("terraform apply"))!;
    expect(script).toMatch(
      /terraform plan -input=false -no-color -out=tfplan[\s\S]*terraform apply -input=false -no-color tfplan/,
    );
  });

  it("uses the environments the stack trusts and the variables scripts/configure-github sets", () => {
    const names = synthStack().config;
    expect(names.environment).toBe("production");
    const used = new Set([...text("infra.yml").matchAll(/vars\.([A-Z0-9_]+)/g)].map((m) => m[1]));
    expect(used).toEqual(new Set(Object.keys(GITHUB_INFRA_VARIABLES)));
    const condition = synthStack().one("google_iam_workload_identity_pool_provider")
      .attribute_condition as string;
    expect(condition).toContain("'production-plan'");
    expect(condition).toContain("'production-infra'");
  });

  it("lists the deployments from infra/environments/*.json", () => {
    const list = runs(infra.jobs.environments).join("\n");
    expect(list).toContain("find infra/environments -maxdepth 1 -name '*.json'");
  });
});

describe("release.yml: the npm package with provenance", () => {
  const publish = release.jobs.publish!;

  it("publishes v* tags after the CI checks on that tag", () => {
    expect(release.on).toEqual({ push: { tags: ["v*"] } });
    expect(release.jobs.test).toMatchObject({
      uses: "./.github/workflows/ci.yml",
      with: { ref: expr("github.ref") },
    });
    expect([publish.needs].flat()).toEqual(["test"]);
  });

  it("publishes with provenance, needing only NPM_TOKEN (or trusted publishing)", () => {
    expect(publish.permissions).toEqual({ contents: "read", "id-token": "write" });
    const step = steps(publish).find((s) => s.run?.includes("npm publish"))!;
    expect(step.run).toBe("npm publish --provenance --access public");
    expect(step.env).toEqual({ NODE_AUTH_TOKEN: expr("secrets.NPM_TOKEN") });
    const node = steps(publish).find(usesAction("actions/setup-node"))!;
    expect(node.with?.["registry-url"]).toBe("https://registry.npmjs.org");
  });

  it("refuses a tag that is not the package version, and names the repository for provenance", () => {
    const check = runs(publish).find((r) => r.includes("npm pkg set"))!;
    expect(check).toContain('if [[ "v$version" != "$RELEASE_TAG" ]]');
    expect(check).toContain('"repository.url=git+https://github.com/$GITHUB_REPOSITORY.git"');
  });
});

describe("dependabot.yml", () => {
  const config = parse(readFileSync(join(ROOT, ".github/dependabot.yml"), "utf8")) as {
    version: number;
    updates: { "package-ecosystem": string; directory: string }[];
  };

  it("updates the pinned actions and the Dockerfile's digest-pinned base image", () => {
    expect(config.version).toBe(2);
    expect(config.updates.map((u) => [u["package-ecosystem"], u.directory])).toEqual(
      expect.arrayContaining([
        ["github-actions", "/"],
        ["docker", "/"],
      ]),
    );
    // Dependabot needs the tag beside the digest to know what to update to.
    const froms = readFileSync(join(ROOT, "Dockerfile"), "utf8").match(/^FROM \S+/gm) ?? [];
    expect(froms.length).toBeGreaterThan(0);
    for (const from of froms) expect(from).toMatch(/^FROM node:24-[a-z]+-slim@sha256:[0-9a-f]{64}$/);
  });
});
