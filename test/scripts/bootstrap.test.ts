import { afterAll, afterEach, describe, expect, it } from "vitest";
import { FakeBin, runScript } from "./helpers/run-script.js";

// scripts/bootstrap against a fake gcloud that records its arguments.

const fake = new FakeBin();
afterEach(() => fake.take());
afterAll(() => fake.remove());

const bootstrap = (args: string[], env: Record<string, string> = {}) =>
  runScript("bootstrap", args, { fake, env });

const ENABLE = [
  "services",
  "enable",
  "serviceusage.googleapis.com",
  "cloudresourcemanager.googleapis.com",
  "storage.googleapis.com",
  "--project",
  "acme-mcp-prod",
];
const CREATE = [
  "storage",
  "buckets",
  "create",
  "gs://acme-mcp-prod-tfstate",
  "--project",
  "acme-mcp-prod",
  "--location",
  "europe-west1",
  "--uniform-bucket-level-access",
  "--public-access-prevention",
];
const VERSIONING = [
  "storage",
  "buckets",
  "update",
  "gs://acme-mcp-prod-tfstate",
  "--project",
  "acme-mcp-prod",
  "--versioning",
];

describe("scripts/bootstrap", () => {
  it("explains itself with --help", async () => {
    const r = await bootstrap(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: scripts\/bootstrap --project PROJECT_ID/);
    expect(r.stdout).toContain("--dry-run");
    expect(fake.take()).toEqual([]);
  });

  it("prints the commands and runs none with --dry-run", async () => {
    const r = await bootstrap(["--project", "acme-mcp-prod", "--region", "europe-west1", "--dry-run"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Dry run: nothing is changed");
    for (const args of [ENABLE, CREATE, VERSIONING]) expect(r.stdout).toContain(`+ gcloud ${args.join(" ")}`);
    expect(r.stdout).toContain(
      "export DEPLOY_ENVIRONMENT=production DEPLOY_PROJECT_ID=acme-mcp-prod DEPLOY_REGION=europe-west1 DEPLOY_STATE_BUCKET=acme-mcp-prod-tfstate",
    );
    expect(fake.take()).toEqual([]);
  });

  it("enables the APIs, creates a versioned uniform-access bucket, and prints next steps", async () => {
    const r = await bootstrap(["--project", "acme-mcp-prod", "--region", "europe-west1"], {
      FAKE_FAIL: "^gcloud storage buckets describe", // the bucket does not exist yet
    });
    expect(r.code).toBe(0);
    expect(fake.take().map((c) => c.args)).toEqual([
      ENABLE,
      [
        "storage",
        "buckets",
        "describe",
        "gs://acme-mcp-prod-tfstate",
        "--project",
        "acme-mcp-prod",
        "--format=value(name)",
      ],
      CREATE,
      VERSIONING,
    ]);
    expect(r.stdout).toContain("Next steps");
    expect(r.stdout).toContain("scripts/configure-github");
  });

  it("keeps an existing bucket and only makes sure it is versioned", async () => {
    const r = await bootstrap([], { PROJECT_ID: "acme-mcp-prod", REGION: "europe-west1" });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("gs://acme-mcp-prod-tfstate exists; keeping it");
    const calls = fake.take().map((c) => c.args.slice(0, 3).join(" "));
    expect(calls).toEqual([
      "services enable serviceusage.googleapis.com",
      "storage buckets describe",
      "storage buckets update",
    ]);
  });

  it("stops at the first failing command", async () => {
    const r = await bootstrap(["--project", "acme-mcp-prod"], { FAKE_FAIL: "^gcloud services enable" });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("fake failure");
    expect(fake.take()).toHaveLength(1);
  });

  it("refuses a missing or malformed project, region or bucket before calling gcloud", async () => {
    const none = await bootstrap([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("no project: pass --project PROJECT_ID or set PROJECT_ID");
    expect((await bootstrap(["--project", "Acme Prod"])).stderr).toContain(
      "is not a Google Cloud project id",
    );
    expect((await bootstrap(["--project", "acme-mcp-prod", "--region", "moon"])).stderr).toContain(
      "is not a region",
    );
    expect((await bootstrap(["--project", "acme-mcp-prod", "--bucket", "A"])).stderr).toContain(
      "is not a Cloud Storage bucket name",
    );
    expect((await bootstrap(["--frobnicate"])).code).toBe(2);
    expect(fake.take()).toEqual([]);
  });
});
