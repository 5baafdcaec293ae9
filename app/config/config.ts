import { z } from "zod";
import { type AllowedOrg, parseAllowedOrg } from "../auth/orgs.js";
import { defaultArtifactHosts } from "../devrev/artifacts.js";
import { parseOAuthKeys } from "../oauth/keys.js";
import { parseFaults } from "../sandbox/faults.js";
import { expandToolsets, TOOLSET_NAMES } from "../tools/toolsets.js";
import { boolFlag, httpUrl, intInRange, oneOf, optionalSecret, stringList } from "./env-parsers.js";
import { GENERATE_HINT, sharedTokenWeakness } from "./shared-token-strength.js";

export const TRANSPORTS = ["stdio", "streamable-http"] as const;
export const AUTH_MODES = ["devrev-pat", "static-token", "none"] as const;
export const LOG_LEVELS = ["debug", "info", "warning", "error"] as const;
export type Transport = (typeof TRANSPORTS)[number];
export type AuthMode = (typeof AUTH_MODES)[number];
export type LogLevel = (typeof LOG_LEVELS)[number];

const lower = (s: string) => s.toLowerCase();
const domain = (s: string) => s.replace(/^@/, "").toLowerCase();

// One schema over the raw environment: each key is the variable users already know from the
// Python server, so a bad value can be reported under its own name.
/** A toolset list (MCP_TOOLSETS, MCP_PERMITTED_TOOLSETS): an unknown name is a config problem. */
const toolsetList = stringList(lower).superRefine((names, ctx) => {
  const { unknown } = expandToolsets(names);
  if (unknown.length) {
    ctx.addIssue({
      code: "custom",
      message: `unknown toolset(s) ${unknown.join(", ")}; use default, all, or any of ${TOOLSET_NAMES.join(", ")}`,
    });
  }
});

const envSchema = z.object({
  MCP_TRANSPORT: oneOf(TRANSPORTS, "stdio"),
  MCP_HOST: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : "127.0.0.1")),
  MCP_PORT: intInRange(0, 1, 65535),
  PORT: intInRange(0, 1, 65535),
  MCP_LOG_LEVEL: z
    .string()
    .optional()
    .transform((v) => (v?.trim().toLowerCase() === "warn" ? "warning" : v))
    .pipe(oneOf(LOG_LEVELS, "info")),
  MCP_LOG_FORMAT: oneOf(["json", "text"] as const, "json"),
  DEVREV_API_BASE_URL: httpUrl(),
  DEVREV_API_TOKEN: optionalSecret(),
  DEVREV_API_TIMEOUT_MS: intInRange(20_000, 100, 300_000),
  DEVREV_API_MAX_RETRIES: intInRange(3, 0, 10),
  DEVREV_ARTIFACT_HOSTS: stringList(lower),
  MCP_AUTH_MODE: oneOf(AUTH_MODES, "devrev-pat"),
  MCP_AUTH_TOKEN: optionalSecret(),
  MCP_AUTH_ALLOWED_DOMAINS: stringList(domain),
  MCP_AUTH_ALLOWED_ORGS: stringList().transform((entries, ctx) => {
    const orgs: AllowedOrg[] = [];
    for (const entry of entries) {
      const org = parseAllowedOrg(entry);
      if (org) orgs.push(org);
      else
        ctx.addIssue({
          code: "custom",
          message: `"${entry}" is not a DevRev dev org id; use don:identity:dvrv-us-1:devo/0, devo/0 or 0`,
        });
    }
    return orgs;
  }),
  MCP_AUTH_CACHE_TTL_SECONDS: intInRange(300, 0, 86_400),
  MCP_AUTH_NEGATIVE_CACHE_TTL_SECONDS: intInRange(30, 0, 3_600),
  MCP_AUTH_CACHE_MAX_ENTRIES: intInRange(10_000, 1, 1_000_000),
  MCP_RATE_LIMIT_RPM: intInRange(120, 0, 1_000_000),
  MCP_RATE_LIMIT_UNAUTHENTICATED_RPM: intInRange(30, 0, 1_000_000),
  MCP_TRUST_PROXY_HOPS: intInRange(-1, 0, 10),
  MCP_ALLOWED_HOSTS: stringList(lower),
  MCP_ALLOWED_ORIGINS: stringList(lower),
  MCP_CORS_ALLOWED_ORIGINS: stringList(lower),
  MCP_ENABLE_DNS_REBINDING_PROTECTION: boolFlag(true),
  MCP_MAX_BODY_BYTES: intInRange(1_048_576, 1_024, 50 * 1_048_576),
  MCP_REQUEST_TIMEOUT_MS: intInRange(120_000, 1_000, 3_600_000),
  MCP_SHUTDOWN_GRACE_MS: intInRange(8_000, 0, 60_000),
  MCP_AUDIT_LOG_ENABLED: boolFlag(true),
  MCP_TOOLSETS: toolsetList,
  MCP_PERMITTED_TOOLSETS: toolsetList,
  MCP_READ_ONLY: boolFlag(false),
  MCP_ENABLE_DESTRUCTIVE_TOOLS: boolFlag(false),
  MCP_ENABLE_BETA_TOOLS: boolFlag(true),
  MCP_MAX_RESULT_CHARS: intInRange(24_000, 1_000, 1_000_000),
  MCP_PUBLIC_URL: httpUrl(),
  MCP_OAUTH_KEYS: optionalSecret(),
  SANDBOX_FAULTS: z
    .string()
    .optional()
    .superRefine((spec, ctx) => {
      try {
        parseFaults(spec);
      } catch (err) {
        ctx.addIssue({ code: "custom", message: (err as Error).message });
      }
    }),
  K_SERVICE: z.string().optional(),
  /** Set on Cloud Run by the deployment: log lines link their trace in this project. */
  GOOGLE_CLOUD_PROJECT: z
    .string()
    .optional()
    .transform((v) => v?.trim() || undefined),
});

/** The variables the cross-checks relate: when one of them is malformed, those checks wait. */
const CROSS_CHECKED = new Set([
  "MCP_TRANSPORT",
  "MCP_HOST",
  "MCP_AUTH_MODE",
  "MCP_AUTH_TOKEN",
  "DEVREV_API_TOKEN",
  "MCP_OAUTH_KEYS",
  "MCP_PUBLIC_URL",
]);

export interface Config {
  transport: Transport;
  host: string;
  port: number;
  logLevel: LogLevel;
  logFormat: "json" | "text";
  /** GOOGLE_CLOUD_PROJECT: log lines name their trace as projects/<id>/traces/<trace>. */
  projectId: string | undefined;
  devrev: {
    baseUrl: string;
    token: string | undefined;
    timeoutMs: number;
    maxRetries: number;
    /** Hosts of DevRev's file store, where article bodies are downloaded from and uploaded to. */
    artifactHosts: readonly string[];
  };
  auth: {
    mode: AuthMode;
    staticToken: string | undefined;
    allowedDomains: readonly string[];
    /** Dev orgs allowed to connect (MCP_AUTH_ALLOWED_ORGS); empty = any. */
    allowedOrgs: readonly AllowedOrg[];
    cacheTtlSeconds: number;
    negativeCacheTtlSeconds: number;
    cacheMaxEntries: number;
  };
  rateLimit: { perIdentityRpm: number; unauthenticatedRpm: number };
  http: {
    trustProxyHops: number;
    allowedHosts: readonly string[];
    allowedOrigins: readonly string[];
    corsAllowedOrigins: readonly string[];
    dnsRebindingProtection: boolean;
    maxBodyBytes: number;
    requestTimeoutMs: number;
    shutdownGraceMs: number;
  };
  /** The OAuth door (/oauth/mcp): on when keys are set, in devrev-pat mode. */
  oauth: {
    /** MCP_PUBLIC_URL without a trailing slash; when unset on loopback, the listening address. */
    publicUrl: string | undefined;
    /** Raw MCP_OAUTH_KEYS entries (base64url, newest first); parsed by app/oauth/keys.ts. */
    keys: readonly string[];
  };
  auditLog: boolean;
  tools: {
    /** What tools/list shows (MCP_TOOLSETS). */
    toolsets: readonly string[];
    /** What may be called at all (MCP_PERMITTED_TOOLSETS); see app/mcp/surface.ts. */
    permittedToolsets: readonly string[];
    readOnly: boolean;
    destructive: boolean;
    beta: boolean;
    maxResultChars: number;
  };
  /** --sandbox: the in-process fake DevRev, failing as SANDBOX_FAULTS says (validated here). */
  sandbox: { enabled: boolean; faults: string | undefined };
}

/** Values from the command line; they win over the environment. */
export interface CliOverrides {
  transport?: Transport;
  host?: string;
  port?: number;
  sandbox?: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** X-Forwarded-For entries Google's front end adds on Cloud Run: the client's address and its own. */
export const CLOUD_RUN_PROXY_HOPS = 2;

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|\[::1\]|localhost)$/i;
export const isLoopbackHost = (host: string) => LOOPBACK.test(host);

/**
 * Parses the environment once into a frozen Config. Every problem is collected, so one start
 * shows everything that is wrong (unknown toolsets and fault specs included), each naming the
 * variable and the accepted form. The cross-checks between variables run too, unless one of the
 * variables they relate is itself malformed: then its own message comes first.
 */
export function loadConfig(env: NodeJS.ProcessEnv, cli: CliOverrides = {}): Readonly<Config> {
  const parsed = envSchema.safeParse(env);
  if (parsed.success) {
    const config = build(parsed.data, cli);
    const problems = crossCheck(config);
    if (problems.length > 0) throw new ConfigError(problems);
    return deepFreeze(config);
  }
  const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "environment"}: ${i.message}`);
  const malformed = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  if (![...malformed].some((name) => CROSS_CHECKED.has(name))) {
    // The variables the cross-checks read are all well-formed: check them now, not on the next start.
    const rest = envSchema.safeParse(
      Object.fromEntries(Object.entries(env).filter(([name]) => !malformed.has(name))),
    );
    if (rest.success) problems.push(...crossCheck(build(rest.data, cli)));
  }
  throw new ConfigError(problems);
}

/** SANDBOX_FAULTS alone, for `devrev-mcp-server sandbox-api`, which reads no other setting. */
export function loadSandboxFaults(env: NodeJS.ProcessEnv): string | undefined {
  const parsed = envSchema.pick({ SANDBOX_FAULTS: true }).safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `SANDBOX_FAULTS: ${i.message}`));
  }
  return parsed.data.SANDBOX_FAULTS;
}

function build(e: z.output<typeof envSchema>, cli: CliOverrides): Config {
  const sandbox = cli.sandbox ?? false;
  const transport = cli.transport ?? e.MCP_TRANSPORT;
  const host = cli.host ?? e.MCP_HOST;
  const port = cli.port ?? (e.MCP_PORT || e.PORT || 8080);
  const config: Config = {
    transport,
    host,
    port,
    logLevel: e.MCP_LOG_LEVEL,
    logFormat: e.MCP_LOG_FORMAT,
    projectId: e.GOOGLE_CLOUD_PROJECT,
    devrev: {
      baseUrl: e.DEVREV_API_BASE_URL ?? "https://api.devrev.ai",
      token: e.DEVREV_API_TOKEN,
      timeoutMs: e.DEVREV_API_TIMEOUT_MS,
      maxRetries: e.DEVREV_API_MAX_RETRIES,
      artifactHosts: e.DEVREV_ARTIFACT_HOSTS.length
        ? e.DEVREV_ARTIFACT_HOSTS
        : defaultArtifactHosts(e.DEVREV_API_BASE_URL ?? "https://api.devrev.ai"),
    },
    auth: {
      mode: e.MCP_AUTH_MODE,
      staticToken: e.MCP_AUTH_TOKEN,
      allowedDomains: e.MCP_AUTH_ALLOWED_DOMAINS,
      allowedOrgs: e.MCP_AUTH_ALLOWED_ORGS,
      cacheTtlSeconds: e.MCP_AUTH_CACHE_TTL_SECONDS,
      negativeCacheTtlSeconds: e.MCP_AUTH_NEGATIVE_CACHE_TTL_SECONDS,
      cacheMaxEntries: e.MCP_AUTH_CACHE_MAX_ENTRIES,
    },
    rateLimit: {
      perIdentityRpm: e.MCP_RATE_LIMIT_RPM,
      unauthenticatedRpm: e.MCP_RATE_LIMIT_UNAUTHENTICATED_RPM,
    },
    http: {
      // On Cloud Run (K_SERVICE is set there) Google's front end appends two addresses to
      // X-Forwarded-For: the client's, then its own. The client is the second from the end, which
      // is Express's "trust proxy" 2. See README (Threat model: client addresses).
      trustProxyHops:
        e.MCP_TRUST_PROXY_HOPS >= 0 ? e.MCP_TRUST_PROXY_HOPS : e.K_SERVICE ? CLOUD_RUN_PROXY_HOPS : 0,
      allowedHosts: e.MCP_ALLOWED_HOSTS,
      allowedOrigins: e.MCP_ALLOWED_ORIGINS,
      corsAllowedOrigins: e.MCP_CORS_ALLOWED_ORIGINS,
      dnsRebindingProtection: e.MCP_ENABLE_DNS_REBINDING_PROTECTION,
      maxBodyBytes: e.MCP_MAX_BODY_BYTES,
      requestTimeoutMs: e.MCP_REQUEST_TIMEOUT_MS,
      shutdownGraceMs: e.MCP_SHUTDOWN_GRACE_MS,
    },
    oauth: {
      publicUrl: e.MCP_PUBLIC_URL,
      keys: e.MCP_OAUTH_KEYS
        ? e.MCP_OAUTH_KEYS.split(",")
            .map((k) => k.trim())
            .filter(Boolean)
        : [],
    },
    auditLog: e.MCP_AUDIT_LOG_ENABLED,
    tools: {
      toolsets: e.MCP_TOOLSETS.length > 0 ? e.MCP_TOOLSETS : ["default"],
      // Unset, it is everything when MCP_TOOLSETS is left at its default too, so the everyday surface
      // can reach any tool through devrev_call_tool; an operator who chose MCP_TOOLSETS chose what
      // may be called as well (as before MCP_PERMITTED_TOOLSETS existed): an upgrade never widens it.
      permittedToolsets:
        e.MCP_PERMITTED_TOOLSETS.length > 0
          ? e.MCP_PERMITTED_TOOLSETS
          : e.MCP_TOOLSETS.length > 0
            ? e.MCP_TOOLSETS
            : ["all"],
      readOnly: e.MCP_READ_ONLY,
      destructive: e.MCP_ENABLE_DESTRUCTIVE_TOOLS,
      beta: e.MCP_ENABLE_BETA_TOOLS,
      maxResultChars: e.MCP_MAX_RESULT_CHARS,
    },
    sandbox: { enabled: sandbox, faults: e.SANDBOX_FAULTS },
  };
  return config;
}

function crossCheck(c: Config): string[] {
  const problems: string[] = [];
  if (c.transport === "stdio") {
    if (!c.devrev.token && !c.sandbox.enabled) {
      problems.push(
        "DEVREV_API_TOKEN: required for the stdio transport (your DevRev personal access token); or pass --sandbox",
      );
    }
    return problems;
  }
  problems.push(...oauthProblems(c));
  if (c.auth.mode === "static-token") {
    if (!c.auth.staticToken) {
      problems.push("MCP_AUTH_TOKEN: required when MCP_AUTH_MODE=static-token (the shared Bearer token)");
    } else {
      const weakness = sharedTokenWeakness(c.auth.staticToken);
      if (weakness) problems.push(`MCP_AUTH_TOKEN: too weak: it ${weakness}; ${GENERATE_HINT}`);
    }
    if (!c.devrev.token && !c.sandbox.enabled) {
      problems.push("DEVREV_API_TOKEN: required when MCP_AUTH_MODE=static-token (DevRev calls use it)");
    }
  }
  if (c.auth.mode === "none") {
    if (!isLoopbackHost(c.host)) {
      problems.push(
        `MCP_AUTH_MODE: "none" is only allowed on a loopback host (127.0.0.1, ::1, localhost), not "${c.host}"; use devrev-pat`,
      );
    }
    if (!c.devrev.token && !c.sandbox.enabled) {
      problems.push("DEVREV_API_TOKEN: required when MCP_AUTH_MODE=none (DevRev calls use it)");
    }
  }
  return problems;
}

function oauthProblems(c: Config): string[] {
  const problems: string[] = [];
  if (c.oauth.keys.length > 0) {
    const parsed = parseOAuthKeys(c.oauth.keys.join(","));
    if (!parsed.ok) problems.push(`MCP_OAUTH_KEYS: ${parsed.problem}`);
    if (c.auth.mode !== "devrev-pat") {
      problems.push(
        `MCP_OAUTH_KEYS: the OAuth door needs MCP_AUTH_MODE=devrev-pat (it binds each person's PAT); unset it for ${c.auth.mode}`,
      );
    }
    if (!c.oauth.publicUrl && !isLoopbackHost(c.host)) {
      problems.push(
        "MCP_PUBLIC_URL: required with MCP_OAUTH_KEYS when not bound to loopback: the https base URL clients reach (e.g. https://svc-123.us-central1.run.app)",
      );
    }
  }
  const url = c.oauth.publicUrl;
  if (url) {
    const u = new URL(url);
    if (u.protocol !== "https:" && !isLoopbackHost(u.hostname)) {
      problems.push(`MCP_PUBLIC_URL: must be https (http only for localhost/127.0.0.1), not "${url}"`);
    }
    if ((u.pathname !== "/" && u.pathname !== "") || u.search || u.hash) {
      problems.push(
        `MCP_PUBLIC_URL: give only the origin (scheme, host, port), without a path, not "${url}"`,
      );
    }
  }
  return problems;
}

function deepFreeze<T>(value: T): Readonly<T> {
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
