import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configWarnings, InfraConfigError, loadInfraConfig } from "../../infra/config.js";
import { ALERT_THRESHOLDS, ALERT_WINDOW_SECONDS, auditLogFilter } from "../../infra/constructs/monitoring.js";
import { HEALTH_PATH, LOG_METRICS } from "../../infra/names.js";
import {
  BASE_ENV,
  NAMES,
  PROJECT_NUMBER,
  type Synthesized,
  synthStack,
  type TfBlock,
} from "./helpers/synth.js";

// The opt-in monitoring and audit-archive constructs, asserted on the synthesized Terraform JSON.
// test/infra/log-filters.test.ts proves their filters against the server's real log lines.

const MONITORING = { DEPLOY_MONITORING: "true", DEPLOY_ALERT_EMAIL: "oncall@acme.com, sre@acme.com" };
const ARCHIVE = { DEPLOY_AUDIT_BUCKET_RETENTION_DAYS: "400" };
const DAY = 86_400;

const OPS_TYPES = [
  "google_logging_metric",
  "google_monitoring_alert_policy",
  "google_monitoring_notification_channel",
  "google_monitoring_dashboard",
  "google_monitoring_uptime_check_config",
  "google_logging_project_sink",
];

interface Condition {
  display_name: string;
  condition_threshold: {
    filter: string;
    comparison: string;
    threshold_value: number;
    duration: string;
    aggregations: { alignment_period: string; per_series_aligner: string; cross_series_reducer?: string }[];
  };
}

describe("off by default", () => {
  it("creates no monitoring or archive resources and no archive output", () => {
    const stack = synthStack();
    for (const type of OPS_TYPES) expect(stack.all(type), type).toEqual([]);
    expect(stack.all("google_storage_bucket").map((b) => b.name)).not.toContain(NAMES.auditBucket);
    expect(stack.json.output.audit_log_bucket).toBeUndefined();
  });
});

describe("configuration", () => {
  const refused = (env: Record<string, string>) => {
    try {
      loadInfraConfig({ ...BASE_ENV, ...env });
    } catch (err) {
      expect(err).toBeInstanceOf(InfraConfigError);
      return (err as Error).message;
    }
    throw new Error("expected the configuration to be refused");
  };

  it("requires an alert address with monitoring", () => {
    expect(refused({ DEPLOY_MONITORING: "true" })).toContain(
      'DEPLOY_ALERT_EMAIL (cdktf context "alertEmail"): is required when monitoring is on',
    );
    expect(refused({ ...MONITORING, DEPLOY_ALERT_EMAIL: "oncall" })).toContain("must list e-mail addresses");
  });

  it("refuses a lock without an archive, and a retention out of range", () => {
    expect(refused({ DEPLOY_AUDIT_RETENTION_LOCK: "true" })).toContain(
      'DEPLOY_AUDIT_RETENTION_LOCK (cdktf context "auditRetentionLock"): needs DEPLOY_AUDIT_BUCKET_RETENTION_DAYS',
    );
    expect(refused({ DEPLOY_AUDIT_BUCKET_RETENTION_DAYS: "0" })).toContain("must be at least 1");
    expect(refused({ DEPLOY_AUDIT_BUCKET_RETENTION_DAYS: "forever" })).toContain("must be a whole number");
  });

  it("warns about the lock, and only about the lock", () => {
    expect(configWarnings(loadInfraConfig({ ...BASE_ENV, ...ARCHIVE }))).toEqual([]);
    const [warning] = configWarnings(
      loadInfraConfig({ ...BASE_ENV, ...ARCHIVE, DEPLOY_AUDIT_RETENTION_LOCK: "true" }),
    );
    expect(warning).toMatch(/IRREVERSIBLE/);
    expect(warning).toMatch(/400-day/);
  });
});

describe("Monitoring", () => {
  let stack: Synthesized;
  let channels: TfBlock[];
  beforeAll(() => {
    stack = synthStack(MONITORING);
    channels = stack.all("google_monitoring_notification_channel");
  });
  const policy = (name: string) =>
    stack.all("google_monitoring_alert_policy").find((p) => p.display_name === name)!;
  const conditionOf = (p: TfBlock) => (p.conditions as Condition[])[0]!.condition_threshold;

  it("defines the four audit counters with a label descriptor per extractor", () => {
    const metrics = stack.all("google_logging_metric");
    expect(metrics.map((m) => m.name).sort()).toEqual(Object.values(NAMES.logMetrics).sort());
    for (const m of metrics) {
      expect(m.filter).toMatch(new RegExp(`^${escapeRegExp(auditLogFilter(NAMES.serviceName))} AND `));
      const descriptor = m.metric_descriptor as {
        metric_kind: string;
        value_type: string;
        labels: { key: string }[];
      };
      expect(descriptor).toMatchObject({ metric_kind: "DELTA", value_type: "INT64" });
      const extractors = m.label_extractors as Record<string, string>;
      expect(descriptor.labels.map((l) => l.key).sort()).toEqual(Object.keys(extractors).sort());
      for (const [label, extractor] of Object.entries(extractors)) {
        expect(extractor).toMatch(/^EXTRACT\(jsonPayload\.audit\.[a-z_]+\)$/);
        expect(label).toMatch(/^[a-z_]+$/);
      }
    }
    const labels = (name: string) =>
      Object.keys(
        stack.all("google_logging_metric").find((m) => m.name === `production/${name}`)!
          .label_extractors as object,
      );
    expect(labels(LOG_METRICS.authFailures)).toEqual(expect.arrayContaining(["reason", "outcome"]));
    expect(labels(LOG_METRICS.toolFailures)).toEqual(
      expect.arrayContaining(["tool", "error_type", "outcome"]),
    );
    expect(labels(LOG_METRICS.destructiveToolCalls)).toEqual(expect.arrayContaining(["tool"]));
  });

  it("mails one e-mail channel per address", () => {
    expect(channels.map((c) => c.labels)).toEqual([
      { email_address: "oncall@acme.com" },
      { email_address: "sre@acme.com" },
    ]);
    for (const c of channels) expect(c.type).toBe("email");
  });

  it("routes every policy to every channel, with documentation for whoever is paged", () => {
    const names = channels.map((c) => stack.ref("google_monitoring_notification_channel", c, "name")).sort();
    const policies = stack.all("google_monitoring_alert_policy");
    expect(policies).toHaveLength(5);
    for (const p of policies) {
      expect((p.notification_channels as string[]).slice().sort()).toEqual(names);
      expect((p.documentation as { content: string }).content.length).toBeGreaterThan(40);
      expect(p.combiner).toBe("OR");
    }
  });

  it("counts events over the window: ALIGN_DELTA and a sum, never a per-second rate", () => {
    for (const p of stack.all("google_monitoring_alert_policy")) {
      const condition = conditionOf(p);
      for (const aggregation of condition.aggregations) {
        expect(aggregation.per_series_aligner).not.toBe("ALIGN_RATE");
      }
      if (!/logging\.googleapis\.com\/user\/|run\.googleapis\.com\/request_count/.test(condition.filter))
        continue;
      expect(condition.aggregations).toEqual([
        {
          alignment_period: `${ALERT_WINDOW_SECONDS}s`,
          per_series_aligner: "ALIGN_DELTA",
          cross_series_reducer: "REDUCE_SUM",
        },
      ]);
      expect(condition.comparison).toBe("COMPARISON_GT");
      expect(condition.duration).toBe("0s");
    }
  });

  it("alerts on the right metric, label and threshold", () => {
    const metricRef = (name: string) =>
      stack.ref(
        "google_logging_metric",
        stack.all("google_logging_metric").find((m) => m.name === `production/${name}`)!,
        "name",
      );
    const auth = conditionOf(policy("DevRev MCP: many refused tokens"));
    expect(auth.filter).toContain(
      `metric.type="logging.googleapis.com/user/${metricRef(LOG_METRICS.authFailures)}"`,
    );
    expect(auth.filter).toContain('metric.label.outcome="denied"');
    expect(auth.threshold_value).toBe(ALERT_THRESHOLDS.authFailures);

    const tools = conditionOf(policy("DevRev MCP: tool calls failing"));
    expect(tools.filter).toContain(`logging.googleapis.com/user/${metricRef(LOG_METRICS.toolFailures)}`);
    expect(tools.filter).toContain('metric.label.outcome="error"');

    const destructive = conditionOf(policy("DevRev MCP: destructive tool called"));
    expect(destructive.filter).toContain(
      `logging.googleapis.com/user/${metricRef(LOG_METRICS.destructiveToolCalls)}`,
    );
    expect(destructive.threshold_value).toBe(0);

    const errors = conditionOf(policy("DevRev MCP: 5xx responses"));
    expect(errors.filter).toContain('metric.type="run.googleapis.com/request_count"');
    expect(errors.filter).toContain('resource.labels.service_name="devrev-mcp-production"');
    expect(errors.filter).toContain('metric.label.response_code_class="5xx"');
  });

  it("checks /health over HTTPS on the service's run.app host", () => {
    const check = stack.one("google_monitoring_uptime_check_config");
    expect(check).toMatchObject({
      period: "300s",
      http_check: { path: HEALTH_PATH, port: 443, use_ssl: true, validate_ssl: true, request_method: "GET" },
      monitored_resource: {
        type: "uptime_url",
        labels: {
          project_id: "acme-mcp-prod",
          host: `devrev-mcp-production-${PROJECT_NUMBER}.us-central1.run.app`,
        },
      },
      content_matchers: [{ content: '"status":"ok"', matcher: "CONTAINS_STRING" }],
    });
    const uptime = conditionOf(policy("DevRev MCP: /health failing"));
    expect(uptime.filter).toContain(
      `metric.label.check_id="${stack.ref("google_monitoring_uptime_check_config", check, "uptime_check_id")}"`,
    );
    expect(uptime.aggregations[0]).toMatchObject({
      per_series_aligner: "ALIGN_NEXT_OLDER",
      cross_series_reducer: "REDUCE_COUNT_FALSE",
    });
  });

  it("has a dashboard with Cloud Run's metrics beside the audit panels", () => {
    const dashboard = JSON.parse(stack.one("google_monitoring_dashboard").dashboard_json as string) as {
      displayName: string;
      mosaicLayout: {
        columns: number;
        tiles: { xPos: number; width: number; widget: Record<string, unknown> }[];
      };
    };
    expect(dashboard.displayName).toBe("DevRev MCP: devrev-mcp-production");
    const text = JSON.stringify(dashboard);
    for (const metric of ["request_count", "request_latencies", "container/instance_count"]) {
      expect(text).toContain(`run.googleapis.com/${metric}`);
    }
    for (const needle of [
      'response_code_class=\\"4xx\\"',
      'response_code_class=\\"5xx\\"',
      "REDUCE_PERCENTILE_50",
      "REDUCE_PERCENTILE_95",
    ]) {
      expect(text).toContain(needle);
    }
    for (const m of stack.all("google_logging_metric")) {
      expect(text).toContain(`logging.googleapis.com/user/${stack.ref("google_logging_metric", m, "name")}`);
    }
    expect(text).not.toContain("ALIGN_RATE");
    for (const tile of dashboard.mosaicLayout.tiles) {
      expect(tile.xPos + tile.width).toBeLessThanOrEqual(dashboard.mosaicLayout.columns);
    }
  });
});

describe("AuditArchive", () => {
  let stack: Synthesized;
  let bucket: TfBlock;
  let sink: TfBlock;
  beforeAll(() => {
    stack = synthStack(ARCHIVE);
    bucket = stack.all("google_storage_bucket").find((b) => b.name === NAMES.auditBucket)!;
    sink = stack.one("google_logging_project_sink");
  });

  it("keeps audit objects for the retention period, unlocked unless asked", () => {
    expect(bucket).toMatchObject({
      location: "us-central1",
      uniform_bucket_level_access: true,
      public_access_prevention: "enforced",
      force_destroy: false,
      retention_policy: { retention_period: 400 * DAY, is_locked: false },
      lifecycle_rule: [{ action: { type: "Delete" }, condition: { age: 400 } }],
    });
    expect(bucket).not.toHaveProperty("versioning");
  });

  it("locks the retention policy only with DEPLOY_AUDIT_RETENTION_LOCK", () => {
    const locked = synthStack({ ...ARCHIVE, DEPLOY_AUDIT_RETENTION_LOCK: "true" });
    const b = locked.all("google_storage_bucket").find((x) => x.name === NAMES.auditBucket)!;
    expect(b.retention_policy).toEqual({ retention_period: 400 * DAY, is_locked: true });
  });

  it("routes exactly the service's audit lines into the bucket with its own writer identity", () => {
    expect(sink).toMatchObject({
      name: NAMES.auditSink,
      destination: `storage.googleapis.com/${stack.ref("google_storage_bucket", bucket, "name")}`,
      filter: auditLogFilter(NAMES.serviceName),
      unique_writer_identity: true,
    });
  });

  it("lets the sink writer create objects in that bucket and nothing else", () => {
    const writer = stack.ref("google_logging_project_sink", sink, "writer_identity");
    const grants = Object.keys(stack.json.resource)
      .filter((type) => /_iam_(member|binding|policy)$/.test(type))
      .flatMap((type) => stack.all(type))
      .filter((g) => g.member === writer);
    expect(grants).toEqual([
      expect.objectContaining({
        bucket: stack.ref("google_storage_bucket", bucket, "name"),
        role: "roles/storage.objectCreator",
      }),
    ]);
  });

  it("outputs the bucket", () => {
    expect(stack.json.output.audit_log_bucket?.value).toBe(
      stack.ref("google_storage_bucket", bucket, "name"),
    );
  });
});

describe("outputs for the deploy workflow", () => {
  it("gives the project, region and service name", () => {
    const stack = synthStack({ DEPLOY_REGION: "europe-west1" });
    expect(stack.json.output.project_id?.value).toBe("acme-mcp-prod");
    expect(stack.json.output.region?.value).toBe("europe-west1");
    expect(stack.json.output.service_name?.value).toBe(
      stack.ref("google_cloud_run_v2_service", stack.one("google_cloud_run_v2_service"), "name"),
    );
  });
});

describe("npm run synth with the retention lock", () => {
  const outdir = mkdtempSync(join(tmpdir(), "devrev-mcp-synth-lock-"));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it("prints the irreversibility warning", async () => {
    // The cdktf CLI relays the app's stderr (and writes where --output says).
    const { stdout, stderr } = await promisify(execFile)(
      "npm",
      ["run", "--silent", "synth", "--", "--output", outdir],
      {
        cwd: new URL("../../", import.meta.url).pathname,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          ...BASE_ENV,
          ...ARCHIVE,
          DEPLOY_AUDIT_RETENTION_LOCK: "true",
        },
      },
    );
    expect(`${stdout}${stderr}`).toMatch(/WARNING: DEPLOY_AUDIT_RETENTION_LOCK=true .*IRREVERSIBLE/);
  }, 120_000);
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
