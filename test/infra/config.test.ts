import { describe, expect, it } from "vitest";
import { InfraConfigError, loadInfraConfig } from "../../infra/config.js";
import { DEFAULT_REGION, PLACEHOLDER_IMAGE } from "../../infra/names.js";
import { BASE_ENV } from "./helpers/synth.js";

const noContext = () => undefined;
const load = (env: Record<string, string>, context: (key: string) => unknown = noContext) =>
  loadInfraConfig({ ...BASE_ENV, ...env }, context);
const failure = (env: Record<string, string>, context: (key: string) => unknown = noContext) => {
  try {
    load(env, context);
  } catch (err) {
    expect(err).toBeInstanceOf(InfraConfigError);
    return (err as Error).message;
  }
  throw new Error("expected the configuration to be refused");
};

describe("infra configuration", () => {
  it("fills safe defaults around the required settings", () => {
    expect(load({})).toEqual({
      environment: "production",
      projectId: "acme-mcp-prod",
      region: DEFAULT_REGION,
      serviceName: "devrev-mcp-production",
      image: PLACEHOLDER_IMAGE,
      githubRepository: "acme/devrev-mcp-server",
      githubRepositoryId: "812345678",
      githubOwnerId: "4567890",
      authMode: "devrev-pat",
      oauth: false,
      allowedDomains: ["acme.com"],
      allowedOrgs: [],
      stateBucket: "acme-mcp-prod-tfstate",
      localState: false,
      minInstances: 0,
      maxInstances: 3,
      cpu: "1",
      memory: "512Mi",
      concurrency: 80,
      deletionProtection: true,
      monitoring: false,
      alertEmail: [],
      auditRetentionLock: false,
    });
    expect(Object.isFrozen(load({}))).toBe(true);
  });

  it("reads cdktf context when the environment leaves a setting unset", () => {
    const context: Record<string, unknown> = {
      region: "europe-west1",
      maxInstances: 7,
      allowedDomains: ["a.io"],
    };
    const config = loadInfraConfig(
      { DEPLOY_PROJECT_ID: "acme-mcp-prod", DEPLOY_GITHUB_REPOSITORY_ID: "1", DEPLOY_GITHUB_OWNER_ID: "2" },
      (key) => (key === "githubRepository" ? "acme/x" : key === "localState" ? true : context[key]),
    );
    expect(config).toMatchObject({ region: "europe-west1", maxInstances: 7, allowedDomains: ["a.io"] });
  });

  it("lets the environment win over cdktf context", () => {
    const context = (key: string) => (key === "region" ? "europe-west1" : undefined);
    expect(load({ DEPLOY_REGION: "asia-east1" }, context).region).toBe("asia-east1");
  });

  it("names every missing required setting by variable and context key", () => {
    const message = (() => {
      try {
        loadInfraConfig({}, noContext);
      } catch (err) {
        return (err as Error).message;
      }
      return "";
    })();
    expect(message).toContain('DEPLOY_PROJECT_ID (cdktf context "projectId"): is required');
    expect(message).toContain('DEPLOY_GITHUB_REPOSITORY (cdktf context "githubRepository"): is required');
    expect(message).toContain(
      'DEPLOY_GITHUB_REPOSITORY_ID (cdktf context "githubRepositoryId"): is required',
    );
    expect(message).toContain('DEPLOY_GITHUB_OWNER_ID (cdktf context "githubOwnerId"): is required');
  });

  it.each([
    [{ DEPLOY_PROJECT_ID: "Bad_Project" }, "DEPLOY_PROJECT_ID", "project id"],
    [{ DEPLOY_REGION: "mars" }, "DEPLOY_REGION", "region"],
    [{ DEPLOY_SERVICE_NAME: "Has Spaces" }, "DEPLOY_SERVICE_NAME", "service name"],
    [{ DEPLOY_IMAGE: "hello" }, "DEPLOY_IMAGE", "image reference"],
    [{ DEPLOY_GITHUB_REPOSITORY: "just-a-repo" }, "DEPLOY_GITHUB_REPOSITORY", "OWNER/REPO"],
    [{ DEPLOY_GITHUB_REPOSITORY_ID: "acme/devrev-mcp-server" }, "DEPLOY_GITHUB_REPOSITORY_ID", "numeric"],
    [{ DEPLOY_GITHUB_OWNER_ID: "0" }, "DEPLOY_GITHUB_OWNER_ID", "numeric"],
    [{ DEPLOY_ENVIRONMENT: "Production" }, "DEPLOY_ENVIRONMENT", "production or staging"],
    [{ DEPLOY_ENVIRONMENT: "production-eu" }, "DEPLOY_ENVIRONMENT", "at most 10"],
    [{ DEPLOY_ALLOWED_ORGS: "devo/0,not an org" }, "DEPLOY_ALLOWED_ORGS", "devo/0"],
    [{ DEPLOY_OAUTH: "on" }, "DEPLOY_OAUTH", "true or false"],
    [{ DEPLOY_OAUTH: "true", DEPLOY_AUTH_MODE: "static-token" }, "DEPLOY_OAUTH", "devrev-pat"],
    [{ DEPLOY_LOCAL_STATE: "true" }, "DEPLOY_LOCAL_STATE", "choose one"],
    [{ DEPLOY_AUTH_MODE: "none" }, "DEPLOY_AUTH_MODE", "public"],
    [{ DEPLOY_AUTH_MODE: "magic" }, "DEPLOY_AUTH_MODE", "devrev-pat"],
    [{ DEPLOY_ALLOWED_DOMAINS: "acme.com,not a domain" }, "DEPLOY_ALLOWED_DOMAINS", "e-mail domains"],
    [{ DEPLOY_MIN_INSTANCES: "-1" }, "DEPLOY_MIN_INSTANCES", "whole number"],
    [{ DEPLOY_MAX_INSTANCES: "1000" }, "DEPLOY_MAX_INSTANCES", "at most 100"],
    [{ DEPLOY_CPU: "3" }, "DEPLOY_CPU", '"1"'],
    [{ DEPLOY_MEMORY: "512MB" }, "DEPLOY_MEMORY", "512Mi"],
    [{ DEPLOY_CONCURRENCY: "0" }, "DEPLOY_CONCURRENCY", "at least 1"],
    [{ DEPLOY_STATE_BUCKET: "Bad Bucket" }, "DEPLOY_STATE_BUCKET", "bucket name"],
    [{ DEPLOY_CUSTOM_DOMAIN: "https://mcp.acme.com" }, "DEPLOY_CUSTOM_DOMAIN", "host name"],
    [{ DEPLOY_DELETION_PROTECTION: "yes" }, "DEPLOY_DELETION_PROTECTION", "true or false"],
  ])("refuses %o, naming %s", (env, name, hint) => {
    const message = failure(env);
    const line = message.split("\n").find((l) => l.includes(name));
    expect(line).toBeDefined();
    expect(line).toContain(hint);
  });

  it("requires the state backend to be chosen: a bucket, or local state explicitly", () => {
    expect(failure({ DEPLOY_STATE_BUCKET: "" })).toMatch(
      /DEPLOY_STATE_BUCKET \(cdktf context "stateBucket"\): is required \(or choose local state for a trial with DEPLOY_LOCAL_STATE=true\)/,
    );
    expect(load({ DEPLOY_STATE_BUCKET: "", DEPLOY_LOCAL_STATE: "true" })).toMatchObject({ localState: true });
    expect(
      load({ DEPLOY_STATE_BUCKET: "" }, (key) => (key === "stateBucket" ? "recorded-bucket" : undefined)),
    ).toMatchObject({
      stateBucket: "recorded-bucket",
    });
  });

  it("derives the service name from the environment unless it is set", () => {
    expect(load({ DEPLOY_ENVIRONMENT: "staging" }).serviceName).toBe("devrev-mcp-staging");
    expect(load({ DEPLOY_ENVIRONMENT: "staging", DEPLOY_SERVICE_NAME: "mcp" }).serviceName).toBe("mcp");
  });

  it("takes DevRev org ids in each form the app accepts", () => {
    expect(load({ DEPLOY_ALLOWED_ORGS: "don:identity:dvrv-us-1:devo/0, devo/1x2, 42" }).allowedOrgs).toEqual([
      "don:identity:dvrv-us-1:devo/0",
      "devo/1x2",
      "42",
    ]);
  });

  it("refuses max instances below min instances", () => {
    expect(failure({ DEPLOY_MIN_INSTANCES: "4", DEPLOY_MAX_INSTANCES: "2" })).toMatch(
      /DEPLOY_MAX_INSTANCES.*at least minInstances/,
    );
  });

  it("requires allowed e-mail domains in devrev-pat mode only", () => {
    expect(failure({ DEPLOY_ALLOWED_DOMAINS: "" })).toMatch(
      /DEPLOY_ALLOWED_DOMAINS.*required in devrev-pat mode/,
    );
    expect(load({ DEPLOY_ALLOWED_DOMAINS: "", DEPLOY_AUTH_MODE: "static-token" }).allowedDomains).toEqual([]);
  });

  it("reports all problems at once", () => {
    const message = failure({ DEPLOY_CPU: "3", DEPLOY_MEMORY: "lots" });
    expect(message).toContain("DEPLOY_CPU");
    expect(message).toContain("DEPLOY_MEMORY");
  });
});
