import { z } from "zod";
import { DEFAULT_REGION, DEFAULT_SERVICE_NAME, PLACEHOLDER_IMAGE } from "./names.js";

// Each setting comes from an environment variable (which wins, so CI can override) or from the
// cdktf context (cdktf.json "context"). Errors name both, so the reader knows what to change.

/** Environment variable of each setting; the keys are the cdktf context keys. */
export const SETTING_ENV = {
  projectId: "DEPLOY_PROJECT_ID",
  region: "DEPLOY_REGION",
  serviceName: "DEPLOY_SERVICE_NAME",
  image: "DEPLOY_IMAGE",
  githubRepository: "DEPLOY_GITHUB_REPOSITORY",
  githubRef: "DEPLOY_GITHUB_REF",
  githubEnvironment: "DEPLOY_GITHUB_ENVIRONMENT",
  authMode: "DEPLOY_AUTH_MODE",
  allowedDomains: "DEPLOY_ALLOWED_DOMAINS",
  minInstances: "DEPLOY_MIN_INSTANCES",
  maxInstances: "DEPLOY_MAX_INSTANCES",
  cpu: "DEPLOY_CPU",
  memory: "DEPLOY_MEMORY",
  concurrency: "DEPLOY_CONCURRENCY",
  stateBucket: "DEPLOY_STATE_BUCKET",
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
    projectId: z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, "must be a Google Cloud project id"),
    region: z
      .string()
      .regex(/^[a-z]+-[a-z]+\d+$/, "must be a region such as us-central1")
      .default(DEFAULT_REGION),
    serviceName: z
      .string()
      .regex(/^[a-z]([-a-z0-9]{0,47}[a-z0-9])?$/, "must be a Cloud Run service name (at most 49 characters)")
      .default(DEFAULT_SERVICE_NAME),
    image: z
      .string()
      .regex(/^[a-z0-9.-]+(:\d+)?\/\S+$/, "must be a full image reference such as REGISTRY/PATH:TAG")
      .default(PLACEHOLDER_IMAGE),
    githubRepository: z.string().regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, "must be OWNER/REPO"),
    githubRef: z
      .string()
      .regex(/^refs\/(heads|tags)\/[^\s'"\\]+$/, "must be a ref such as refs/heads/main")
      .optional(),
    githubEnvironment: z
      .string()
      .regex(/^[A-Za-z0-9._-]+$/, "must be a GitHub environment name")
      .optional(),
    authMode: z
      .enum(["devrev-pat", "static-token", "none"])
      .refine(
        (mode) => mode !== "none",
        "none is refused: the service is public, so the app must authenticate",
      )
      .default("devrev-pat"),
    allowedDomains: domainList.default([]),
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

export type InfraConfig = Readonly<z.output<typeof schema>>;
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
  return Object.freeze(parsed.data);
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
