import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GITHUB_DEPLOY_VARIABLES, STACK_NAME } from "../../infra/names.js";
import { synthStack } from "../infra/helpers/synth.js";
import { FakeBin, runScript } from "./helpers/run-script.js";

// scripts/configure-github reads outputs in the shapes Terraform and cdktf write, for every output
// the synthesized stack really has, and sets the variables with a fake gh that records its argv.

const fake = new FakeBin();
const dir = mkdtempSync(join(tmpdir(), "devrev-mcp-outputs-"));
afterEach(() => fake.take());
afterAll(() => {
  fake.remove();
  rmSync(dir, { recursive: true, force: true });
});

/** What `terraform output -json` prints after an apply, for each output the stack declares. */
const applied: Record<string, string> = {
  service_url: "https://devrev-mcp-production-123456.us-central1.run.app",
  environment: "production",
  state_backend: "gs://acme-mcp-prod-tfstate/devrev-mcp/production",
  image_repository: "us-central1-docker.pkg.dev/acme-mcp-prod/devrev-mcp-production/devrev-mcp-server",
  workload_identity_provider:
    "projects/123456/locations/global/workloadIdentityPools/devrev-mcp-production-github/providers/github-oidc",
  deployer_service_account: "devrev-mcp-production-deployer@acme-mcp-prod.iam.gserviceaccount.com",
  builder_service_account: "devrev-mcp-production-builder@acme-mcp-prod.iam.gserviceaccount.com",
  infra_apply_service_account: "devrev-mcp-production-infra@acme-mcp-prod.iam.gserviceaccount.com",
  infra_plan_service_account: "devrev-mcp-production-plan@acme-mcp-prod.iam.gserviceaccount.com",
  runtime_service_account: "devrev-mcp-production-runtime@acme-mcp-prod.iam.gserviceaccount.com",
  build_source_bucket: "acme-mcp-prod-devrev-mcp-production-build-src",
  build_logs_bucket: "acme-mcp-prod-devrev-mcp-production-build-logs",
  project_id: "acme-mcp-prod",
  region: "us-central1",
  service_name: "devrev-mcp-production",
};
/** Outputs that are lists (Terraform writes them as JSON arrays). */
const lists: Record<string, string[]> = { secret_ids: [] };
let terraformFile: string;
let cdktfFile: string;

beforeAll(() => {
  // Only outputs the stack really declares, so a renamed output fails here.
  const declared = Object.keys(synthStack().json.output);
  expect(declared.sort()).toEqual([...Object.keys(applied), ...Object.keys(lists)].sort());
  terraformFile = join(dir, "terraform.json");
  writeFileSync(
    terraformFile,
    JSON.stringify(
      Object.fromEntries(
        declared.map((k) => [k, { sensitive: false, type: "string", value: applied[k] ?? lists[k] }]),
      ),
    ),
  );
  cdktfFile = join(dir, "cdktf.json");
  writeFileSync(cdktfFile, JSON.stringify({ [STACK_NAME]: { ...applied, ...lists } }));
});

const configure = (args: string[], env: Record<string, string> = {}) =>
  runScript("configure-github", args, { fake, env });
const expected = Object.entries(GITHUB_DEPLOY_VARIABLES).map(([name, output]) => [name, applied[output]!]);
/** The infrastructure workflow's variables, on the stack's plan and apply environments. */
const infraExpected = [
  ["WIF_PROVIDER", applied.workload_identity_provider!, "production-plan"],
  ["INFRA_PLAN_SERVICE_ACCOUNT", applied.infra_plan_service_account!, "production-plan"],
  ["WIF_PROVIDER", applied.workload_identity_provider!, "production-infra"],
  ["INFRA_APPLY_SERVICE_ACCOUNT", applied.infra_apply_service_account!, "production-infra"],
] as const;

describe("scripts/configure-github", () => {
  it("explains itself with --help, listing each variable and its output", async () => {
    const r = await configure(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: scripts\/configure-github --outputs FILE/);
    for (const [name, output] of Object.entries(GITHUB_DEPLOY_VARIABLES)) {
      expect(r.stdout).toMatch(new RegExp(`${name} +<- ${output}`));
    }
  });

  it("prints the variables from terraform output -json, and the gh commands", async () => {
    const r = await configure(["--outputs", terraformFile]);
    expect(r.code).toBe(0);
    for (const [name, value] of expected) {
      expect(r.stdout).toContain(`  repository: ${name}=${value}\n`);
      expect(r.stdout).toContain(`gh variable set ${name} --body ${value}\n`);
    }
    for (const [name, value, env] of infraExpected) {
      expect(r.stdout).toContain(`  environment ${env}: ${name}=${value}\n`);
      expect(r.stdout).toContain(`gh variable set ${name} --body ${value} --env ${env}\n`);
    }
    expect(r.stdout).toContain("gh secret set DEVREV_SMOKE_PAT");
    expect(fake.take()).toEqual([]);
  });

  it("reads cdktf's outputs file the same way", async () => {
    const fromCdktf = await configure(["--outputs", cdktfFile]);
    const fromTerraform = await configure(["--outputs", terraformFile]);
    expect(fromCdktf.code).toBe(0);
    expect(fromCdktf.stdout).toBe(fromTerraform.stdout);
  });

  it("sets them with gh on an environment with --apply", async () => {
    const r = await configure([
      "--outputs",
      terraformFile,
      "--env",
      "production",
      "--repo",
      "acme/devrev-mcp-server",
      "--apply",
    ]);
    expect(r.code).toBe(0);
    expect(fake.take()).toEqual([
      { cmd: "gh", args: ["--version"], stdin: null },
      ...expected.map(([name, value]) => ({
        cmd: "gh",
        args: [
          "variable",
          "set",
          name,
          "--body",
          value,
          "--env",
          "production",
          "--repo",
          "acme/devrev-mcp-server",
        ],
        stdin: null,
      })),
      ...infraExpected.map(([name, value, env]) => ({
        cmd: "gh",
        args: ["variable", "set", name, "--body", value, "--env", env, "--repo", "acme/devrev-mcp-server"],
        stdin: null,
      })),
    ]);
    expect(r.stdout).toContain("11 variables set (deploy variables for environment production)");
  });

  it("prints what --apply would run, and runs nothing, with --dry-run", async () => {
    const r = await configure(["--outputs", terraformFile, "--apply", "--dry-run"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Dry run: nothing is set");
    for (const [name, value] of expected)
      expect(r.stdout).toContain(`+ gh variable set ${name} --body ${value}\n`);
    expect(fake.take()).toEqual([]);
  });

  it("fails clearly without gh, with outputs of another stack, or without --outputs", async () => {
    const noGh = await configure(["--outputs", terraformFile, "--apply"], { FAKE_FAIL: "^gh --version" });
    expect(noGh.code).toBe(1);
    expect(noGh.stderr).toContain("the GitHub CLI (gh) is not installed");
    expect(fake.take().map((c) => c.args)).toEqual([["--version"]]);

    const other = join(dir, "other.json");
    writeFileSync(other, JSON.stringify({ service_url: { value: "https://x" } }));
    const partial = await configure(["--outputs", other]);
    expect(partial.code).toBe(2);
    expect(partial.stderr).toContain("the outputs lack workload_identity_provider, deployer_service_account");

    const none = await configure([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("--outputs FILE is required");
  });
});
