import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { validateWorkflow } from "@action-validator/core";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { GITHUB_DEPLOY_VARIABLES, GITHUB_SMOKE_SECRET } from "../../infra/names.js";
import { synthStack } from "../infra/helpers/synth.js";

// Both GitHub workflows, validated offline against GitHub's workflow schema (action-validator, a
// WebAssembly build) and checked for what matters here: deploy cannot run before the tests pass,
// it authenticates through Workload Identity Federation with no stored key, permissions are the
// least each job needs, and every action is pinned to a commit.

const ROOT = new URL("../../", import.meta.url).pathname;
/** A GitHub Actions expression as written in the YAML. */
const expr = (expression: string) => "$" + `{{ ${expression} }}`;
const FILES = ["ci.yml", "deploy.yml"] as const;

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
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress": boolean | string };
  jobs: Record<string, Job>;
}

const text = (file: string) => readFileSync(join(ROOT, ".github/workflows", file), "utf8");
const load = (file: string) => parse(text(file)) as Workflow;
const ci = load("ci.yml");
const deploy = load("deploy.yml");
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
      with: {
        ref: expr(
          "github.event_name == 'workflow_dispatch' && format('refs/tags/{0}', inputs.tag) || github.ref",
        ),
      },
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

  it("deploys the commit that was tested", () => {
    expect(deployJob.env?.RELEASE_TAG).toBe(expr("inputs.tag || github.ref_name"));
    const checkout = steps(deployJob).find(usesAction("actions/checkout"));
    expect(checkout?.with?.ref).toBe(`refs/tags/${expr("env.RELEASE_TAG")}`);
  });

  it("runs on v* tags and on demand with a tag and an environment", () => {
    expect(deploy.on.push).toEqual({ tags: ["v*"] });
    expect(deploy.on.workflow_dispatch).toMatchObject({
      inputs: {
        tag: { required: true, type: "string" },
        environment: { type: "choice", options: ["staging", "production"] },
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
  };
  const testJob = ci.jobs.test!;

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
    expect(new Set(secrets)).toEqual(new Set(file === "deploy.yml" ? [GITHUB_SMOKE_SECRET] : []));
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
        "run services update",
        "run services update-traffic",
        "run services describe",
      ]),
    );
    expect(runs(deployJob).join("\n")).not.toMatch(/gcloud builds|cloudbuild/);
  });

  it("builds before authenticating, then pushes, rolls out and smoke-tests in that order", () => {
    const build = stepIndex(deployJob, (s) => s.run?.includes("docker build") === true);
    const auth = stepIndex(deployJob, usesAction("google-github-actions/auth"));
    const push = stepIndex(deployJob, (s) => s.run?.includes("docker push") === true);
    const rollout = stepIndex(deployJob, (s) => s.run?.includes("gcloud run services update ") === true);
    const smoke = stepIndex(deployJob, (s) => s.run?.includes("scripts/smoke") === true);
    expect([build, auth, push, rollout, smoke]).toEqual(
      [...[build, auth, push, rollout, smoke]].sort((a, b) => a - b),
    );
    expect(new Set([build, auth, push, rollout, smoke]).size).toBe(5);
  });

  it("rolls only the image, and routes traffic back to the latest revision", () => {
    const rollout = runs(deployJob).find((r) => r.includes("gcloud run services update "))!;
    expect(rollout).toMatch(/gcloud run services update "\$CLOUD_RUN_SERVICE" .*--image "\$IMAGE" --quiet/s);
    expect(rollout).not.toMatch(/--(set|update)-env-vars|--service-account|--memory|--cpu/);
    expect(rollout).toMatch(/update-traffic "\$CLOUD_RUN_SERVICE" .*--to-latest/s);
  });

  it("smoke-tests the service URL with the PAT secret and the released version", () => {
    const step = steps(deployJob).find((s) => s.run?.includes("scripts/smoke"))!;
    expect(step.env?.DEVREV_SMOKE_PAT).toBe(expr(`secrets.${GITHUB_SMOKE_SECRET}`));
    expect(step.run).toContain('scripts/smoke "$SERVICE_URL" --expect-version "$VERSION"');
    expect(deployJob.env?.SERVICE_URL).toBe(expr("vars.SERVICE_URL"));
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
