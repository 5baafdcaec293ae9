import { z } from "zod";
import {
  DEFAULT_ENVIRONMENT,
  DEFAULT_REGION,
  deploymentNames,
  ENVIRONMENT_PATTERN,
  PLACEHOLDER_IMAGE,
} from "./names.js";

// Each setting comes from an environment variable (which wins, so CI can override) or from the
// cdktf context (cdktf.json "context"). Errors name both, so the reader knows what to change.

/** Environment variable of each setting; the keys are the cdktf context keys. */
export const SETTING_ENV = {
  environment: "DEPLOY_ENVIRONMENT",
  projectId: "DEPLOY_PROJECT_ID",
  region: "DEPLOY_REGION",
  serviceName: "DEPLOY_SERVICE_NAME",
  image: "DEPLOY_IMAGE",
  githubRepository: "DEPLOY_GITHUB_REPOSITORY",
  githubRepositoryId: "DEPLOY_GITHUB_REPOSITORY_ID",
  githubOwnerId: "DEPLOY_GITHUB_OWNER_ID",
  authMode: "DEPLOY_AUTH_MODE",
  oauth: "DEPLOY_OAUTH",
  allowedDomains: "DEPLOY_ALLOWED_DOMAINS",
  allowedOrgs: "DEPLOY_ALLOWED_ORGS",
  minInstances: "DEPLOY_MIN_INSTANCES",
  maxInstances: "DEPLOY_MAX_INSTANCES",
  cpu: "DEPLOY_CPU",
  memory: "DEPLOY_MEMORY",
  concurrency: "DEPLOY_CONCURRENCY",
  stateBucket: "DEPLOY_STATE_BUCKET",
  localState: "DEPLOY_LOCAL_STATE",
  customDomain: "DEPLOY_CUSTOM_DOMAIN",
  deletionProtection: "DEPLOY_DELETION_PROTECTION",
  monitoring: "DEPLOY_MONITORING",
  alertEmail: "DEPLOY_ALERT_EMAIL",
  auditRetentionDays: "DEPLOY_AUDIT_BUCKET_RETENTION_DAYS",
  auditRetentionLock: "DEPLOY_AUDIT_RETENTION_LOCK",
} as const;

type Key = keyof typeof SETTING_ENV;

const bool = z.preprocess(
  (v) => (v === "true" ? true : v === "false" ? false : v),
  z.boolean({ error: "must be true or false" }),
);
const int = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v),
    z
      .number({ error: "must be a whole number" })
      .int("must be a whole number")
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`),
  );
const hostname = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const domainList = z.preprocess(
  (v) => (typeof v === "string" ? v.split(",") : v),
  z
    .array(z.string({ error: "must be a list of domains" }), { error: "must be a comma-separated list" })
    .transform((items) => items.map((i) => i.trim().toLowerCase()).filter(Boolean))
    .pipe(z.array(z.string().regex(hostname, "must list e-mail domains such as example.com"))),
);

/** DevRev dev-org ids as the app takes them: `don:identity:dvrv-us-1:devo/0`, `devo/0` or `0`. */
const orgList = z.preprocess(
  (v) => (typeof v === "string" ? v.split(",") : v),
  z
    .array(z.string({ error: "must be a list of DevRev org ids" }), {
      error: "must be a comma-separated list",
    })
    .transform((items) => items.map((i) => i.trim()).filter(Boolean))
    .pipe(
      z.array(
        z
          .string()
          .regex(
            /^(don:identity:[a-z0-9-]+:)?(devo\/)?[A-Za-z0-9]+$/,
            "must list DevRev org ids such as devo/0 or don:identity:dvrv-us-1:devo/0",
          ),
      ),
    ),
);
const githubId = z.preprocess(
  (v) => (typeof v === "number" ? String(v) : v),
  z
    .string({ error: "must be a numeric GitHub id" })
    .regex(/^[1-9]\d{0,19}$/, "must be a numeric GitHub id (gh api repos/OWNER/REPO --jq '.id, .owner.id')"),
);

const emailList = z.preprocess(
  (v) => (typeof v === "string" ? v.split(",") : v),
  z
    .array(z.string({ error: "must be a list of e-mail addresses" }), {
      error: "must be a comma-separated list",
    })
    .transform((items) => items.map((i) => i.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/, "must list e-mail addresses"))),
);

const schema = z
  .object({
    /** Names every resource (infra/names.ts deploymentNames) and the GitHub environments trusted. */
    environment: z
      .string()
      .regex(
        ENVIRONMENT_PATTERN,
        "must be a short name such as production or staging (at most 10 characters)",
      )
      .default(DEFAULT_ENVIRONMENT),
    projectId: z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, "must be a Google Cloud project id"),
    region: z
      .string()
      .regex(/^[a-z]+-[a-z]+\d+$/, "must be a region such as us-central1")
      .default(DEFAULT_REGION),
    serviceName: z
      .string()
      .regex(/^[a-z]([-a-z0-9]{0,47}[a-z0-9])?$/, "must be a Cloud Run service name (at most 49 characters)")
      .optional(),
    image: z
      .string()
      .regex(/^[a-z0-9.-]+(:\d+)?\/\S+$/, "must be a full image reference such as REGISTRY/PATH:TAG")
      .default(PLACEHOLDER_IMAGE),
    githubRepository: z.string().regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, "must be OWNER/REPO"),
    /** Numeric ids, which unlike names cannot be taken over by renaming or re-creating a repository. */
    githubRepositoryId: githubId,
    githubOwnerId: githubId,
    authMode: z
      .enum(["devrev-pat", "static-token", "none"])
      .refine(
        (mode) => mode !== "none",
        "none is refused: the service is public, so the app must authenticate",
      )
      .default("devrev-pat"),
    /** The OAuth door at /oauth/mcp (docs/oauth.md): a Secret Manager key set, MCP_OAUTH_KEYS. */
    oauth: bool.default(false),
    allowedDomains: domainList.default([]),
    allowedOrgs: orgList.default([]),
    minInstances: int(0, 100).default(0),
    maxInstances: int(1, 100).default(3),
    cpu: z.enum(["1", "2", "4", "8"]).default("1"),
    memory: z
      .string()
      .regex(/^\d+(Mi|Gi)$/, "must be a size such as 512Mi or 1Gi")
      .default("512Mi"),
    concurrency: int(1, 1000).default(80),
    stateBucket: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$/, "must be a Cloud Storage bucket name")
      .optional(),
    /** Explicitly chosen local state (a trial); otherwise stateBucket is required. */
    localState: bool.default(false),
    customDomain: z
      .string()
      .transform((v) => v.toLowerCase())
      .pipe(z.string().regex(hostname, "must be a host name such as mcp.example.com"))
      .optional(),
    deletionProtection: bool.default(true),
    /** Log-based metrics, alert policies, dashboard and uptime check (constructs/monitoring.ts). */
    monitoring: bool.default(false),
    /** Where alerts go; required with monitoring, since alerts nobody receives are noise. */
    alertEmail: emailList.default([]),
    /** Turns on the audit-log archive (constructs/audit-archive.ts) with this retention. */
    auditRetentionDays: int(1, 3650).optional(),
    /** Locks the archive's retention policy: irreversible (see configWarnings). */
    auditRetentionLock: bool.default(false),
  })
  .superRefine((c, ctx) => {
    if (c.maxInstances < c.minInstances) {
      ctx.addIssue({ code: "custom", path: ["maxInstances"], message: "must be at least minInstances" });
    }
    // Without it any DevRev user of any organisation could use this public endpoint.
    if (c.authMode === "devrev-pat" && c.allowedDomains.length === 0) {
      ctx.addIssue({ code: "custom", path: ["allowedDomains"], message: "is required in devrev-pat mode" });
    }
    // The backend is a recorded choice, never a silent fallback: forgetting the bucket in one shell
    // would otherwise plan against an empty local state and try to create everything again.
    if (c.stateBucket === undefined && !c.localState) {
      ctx.addIssue({
        code: "custom",
        path: ["stateBucket"],
        message:
          "is required (or choose local state for a trial with DEPLOY_LOCAL_STATE=true); record it in " +
          "infra/environments/ENVIRONMENT.json",
      });
    }
    if (c.stateBucket !== undefined && c.localState) {
      ctx.addIssue({
        code: "custom",
        path: ["localState"],
        message: "contradicts DEPLOY_STATE_BUCKET: choose one",
      });
    }
    if (c.oauth && c.authMode !== "devrev-pat") {
      ctx.addIssue({ code: "custom", path: ["oauth"], message: "needs DEPLOY_AUTH_MODE=devrev-pat" });
    }
    if (c.monitoring && c.alertEmail.length === 0) {
      ctx.addIssue({ code: "custom", path: ["alertEmail"], message: "is required when monitoring is on" });
    }
    if (c.auditRetentionLock && c.auditRetentionDays === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["auditRetentionLock"],
        message: "needs DEPLOY_AUDIT_BUCKET_RETENTION_DAYS (there is no archive to lock)",
      });
    }
  });

export type InfraConfig = Readonly<Omit<z.output<typeof schema>, "serviceName"> & { serviceName: string }>;
export type AuthMode = InfraConfig["authMode"];
export type ContextReader = (key: string) => unknown;

export class InfraConfigError extends Error {
  override readonly name = "InfraConfigError";
}

function settingName(key: string): string {
  const env = SETTING_ENV[key as Key];
  return env ? `${env} (cdktf context "${key}")` : key;
}

/** Reads and validates the deployment settings; throws one error that lists every bad setting. */
export function loadInfraConfig(
  env: NodeJS.ProcessEnv,
  context: ContextReader = () => undefined,
): InfraConfig {
  const raw: Record<string, unknown> = {};
  for (const [key, envName] of Object.entries(SETTING_ENV)) {
    const fromEnv = env[envName];
    const value = fromEnv !== undefined && fromEnv !== "" ? fromEnv : context(key);
    if (value !== undefined && value !== null && value !== "") raw[key] = value;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? "");
      const missing = raw[key] === undefined && issue.code === "invalid_type";
      return `  - ${settingName(key)}: ${missing ? "is required" : issue.message}`;
    });
    throw new InfraConfigError(`Invalid deployment configuration:\n${lines.join("\n")}`);
  }
  const names = deploymentNames(parsed.data.environment, parsed.data.projectId);
  return Object.freeze({ ...parsed.data, serviceName: parsed.data.serviceName ?? names.serviceName });
}

/** Settings that are valid but have consequences worth a line on every synth. */
export function configWarnings(config: InfraConfig): string[] {
  const warnings: string[] = [];
  if (config.auditRetentionLock) {
    warnings.push(
      `DEPLOY_AUDIT_RETENTION_LOCK=true locks the audit bucket's ${config.auditRetentionDays}-day retention ` +
        "policy on the next apply. This is IRREVERSIBLE: the period can then only be raised, never lowered " +
        "or removed, and no audit object (nor the bucket) can be deleted before it has aged that long, " +
        "by anyone, including project owners. Only set it when a regulation requires it.",
    );
  }
  return warnings;
}
