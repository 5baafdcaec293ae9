import { LoggingMetric } from "@cdktf/provider-google/lib/logging-metric/index.js";
import {
  MonitoringAlertPolicy,
  type MonitoringAlertPolicyConditions,
} from "@cdktf/provider-google/lib/monitoring-alert-policy/index.js";
import { MonitoringDashboard } from "@cdktf/provider-google/lib/monitoring-dashboard/index.js";
import { MonitoringNotificationChannel } from "@cdktf/provider-google/lib/monitoring-notification-channel/index.js";
import { MonitoringUptimeCheckConfig } from "@cdktf/provider-google/lib/monitoring-uptime-check-config/index.js";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { AUDIT_LOG_MESSAGE } from "../../app/log/audit.js";
import { HEALTH_PATH, LOG_METRICS } from "../names.js";

// Filters here use a deliberately small part of the Cloud Logging query language (field = "string",
// AND, OR, NOT, parentheses): test/infra/log-filters.test.ts evaluates every one of them against log
// lines the server really writes, so a renamed field in app/log/audit.ts fails a test, not an alert.

/** Logs of one Cloud Run service: the resource every log-based metric and the sink start from. */
export function serviceLogFilter(serviceName: string): string {
  return `resource.type="cloud_run_revision" AND resource.labels.service_name="${serviceName}"`;
}

/** Every audit event of the service (app/log/audit.ts): one JSON line with message "audit". */
export function auditLogFilter(serviceName: string): string {
  return `${serviceLogFilter(serviceName)} AND jsonPayload.message="${AUDIT_LOG_MESSAGE}"`;
}

interface PolicySpec {
  readonly id: string;
  readonly name: string;
  /** Markdown shown in the incident and the notification. */
  readonly doc: string;
  readonly condition: MonitoringAlertPolicyConditions;
}

interface MetricSpec {
  readonly name: string;
  readonly displayName: string;
  readonly description: string;
  /** Added to the audit filter. */
  readonly where: string;
  /** Metric label -> audit field it is extracted from. */
  readonly labels: Readonly<Record<string, string>>;
}

const EVENT = "jsonPayload.audit.event";
const OUTCOME = "jsonPayload.audit.outcome";

export const AUDIT_METRICS: readonly MetricSpec[] = [
  {
    name: LOG_METRICS.authFailures,
    displayName: "DevRev MCP: authentication failures",
    description: "Refused or failed bearer-token checks (audit event auth.failure), by reason and outcome.",
    where: `${EVENT}="auth.failure"`,
    labels: { reason: "reason", outcome: "outcome", auth_mode: "auth_mode" },
  },
  {
    name: LOG_METRICS.toolCalls,
    displayName: "DevRev MCP: tool calls",
    description: "Every MCP tool call (audit event tool.call), by tool, category and outcome.",
    where: `${EVENT}="tool.call"`,
    labels: { tool: "tool", category: "category", outcome: "outcome" },
  },
  {
    name: LOG_METRICS.toolFailures,
    displayName: "DevRev MCP: tool failures",
    description: "Tool calls that failed or were denied, by tool, error type and outcome.",
    where: `${EVENT}="tool.call" AND (${OUTCOME}="error" OR ${OUTCOME}="denied")`,
    labels: { tool: "tool", error_type: "error_type", outcome: "outcome" },
  },
  {
    name: LOG_METRICS.destructiveToolCalls,
    displayName: "DevRev MCP: destructive tool calls",
    description: "Calls of destructive tools (deletes), attempted or done, by tool and outcome.",
    where: `${EVENT}="tool.call" AND jsonPayload.audit.category="destructive"`,
    labels: { tool: "tool", outcome: "outcome" },
  },
];

/** Alert thresholds: counts per ALERT_WINDOW, not per-second rates. */
export const ALERT_WINDOW_SECONDS = 300;
export const ALERT_THRESHOLDS = {
  /** Denied token checks (bad, revoked or foreign PATs) across all instances. */
  authFailures: 50,
  /** Tool calls ending in an error (DevRev failures, bad arguments, internal errors). */
  toolErrors: 20,
  /** Any destructive call, attempted or done: they are off by default, so each one is news. */
  destructiveToolCalls: 0,
  /** 5xx answers from Cloud Run (the app, or the platform in front of it). */
  serverErrors: 5,
} as const;

export const UPTIME_PERIOD = "300s";

export interface MonitoringProps {
  readonly projectId: string;
  readonly serviceName: string;
  /** Metric ids are ENVIRONMENT/devrev_mcp_…, so each deployment in a project has its own. */
  readonly environment: string;
  /** Host the uptime check calls /health on (the service's run.app host). */
  readonly uptimeHost: string;
  readonly alertEmails: readonly string[];
  readonly dependsOn: ITerraformDependable[];
}

/**
 * What the people on call look at: log-based metrics from the audit events, alert policies that
 * mail them, a dashboard with Cloud Run's own metrics beside the audit panels, and an uptime check.
 */
export class Monitoring extends Construct {
  readonly metrics: Record<string, LoggingMetric> = {};
  readonly channels: MonitoringNotificationChannel[];
  readonly uptimeCheck: MonitoringUptimeCheckConfig;
  readonly dashboard: MonitoringDashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { projectId, serviceName } = props;
    const audit = auditLogFilter(serviceName);

    for (const spec of AUDIT_METRICS) {
      this.metrics[spec.name] = new LoggingMetric(this, spec.name, {
        project: projectId,
        name: `${props.environment}/${spec.name}`,
        description: spec.description,
        filter: `${audit} AND ${spec.where}`,
        metricDescriptor: {
          metricKind: "DELTA",
          valueType: "INT64",
          unit: "1",
          displayName: spec.displayName,
          labels: Object.keys(spec.labels).map((key) => ({ key, valueType: "STRING" })),
        },
        labelExtractors: Object.fromEntries(
          Object.entries(spec.labels).map(([label, field]) => [label, `EXTRACT(jsonPayload.audit.${field})`]),
        ),
        dependsOn: props.dependsOn,
      });
    }

    this.channels = props.alertEmails.map(
      (email, i) =>
        new MonitoringNotificationChannel(this, `email-${i}`, {
          project: projectId,
          type: "email",
          displayName: `DevRev MCP alerts: ${email}`,
          labels: { email_address: email },
          dependsOn: props.dependsOn,
        }),
    );

    this.uptimeCheck = new MonitoringUptimeCheckConfig(this, "uptime", {
      project: projectId,
      displayName: `${serviceName} ${HEALTH_PATH}`,
      period: UPTIME_PERIOD,
      timeout: "10s",
      httpCheck: {
        path: HEALTH_PATH,
        port: 443,
        useSsl: true,
        validateSsl: true,
        requestMethod: "GET",
        acceptedResponseStatusCodes: [{ statusValue: 200 }],
      },
      // A draining instance answers 200 with "draining"; only "ok" is healthy.
      contentMatchers: [{ content: '"status":"ok"', matcher: "CONTAINS_STRING" }],
      monitoredResource: { type: "uptime_url", labels: { project_id: projectId, host: props.uptimeHost } },
      dependsOn: props.dependsOn,
    });

    const userMetric = (name: string) =>
      `metric.type="logging.googleapis.com/user/${this.metrics[name]!.name}" AND resource.type="cloud_run_revision"`;
    // Cloud Run's own metrics carry the same resource labels as its logs.
    const runMetric = (type: string) =>
      `metric.type="run.googleapis.com/${type}" AND ${serviceLogFilter(serviceName)}`;
    const windowPeriod = `${ALERT_WINDOW_SECONDS}s`;
    /** Number of matching events in each window, summed over every series (instance, label). */
    const countOverWindow = (
      filter: string,
      threshold: number,
    ): MonitoringAlertPolicyConditions["conditionThreshold"] => ({
      filter,
      comparison: "COMPARISON_GT",
      thresholdValue: threshold,
      duration: "0s",
      trigger: { count: 1 },
      aggregations: [
        { alignmentPeriod: windowPeriod, perSeriesAligner: "ALIGN_DELTA", crossSeriesReducer: "REDUCE_SUM" },
      ],
      // Audit metrics only have points when something happened: no data means nothing is wrong.
      evaluationMissingData: "EVALUATION_MISSING_DATA_INACTIVE",
    });
    const minutes = ALERT_WINDOW_SECONDS / 60;
    const policies: PolicySpec[] = [
      {
        id: "auth-failures",
        name: "DevRev MCP: many refused tokens",
        doc:
          `More than ${ALERT_THRESHOLDS.authFailures} denied token checks in ${minutes} minutes: a client ` +
          "with a revoked PAT retrying, a user outside the allowed domains, or someone guessing. " +
          "docs/operations.md, 'Refused tokens', has the query listing reasons and addresses.",
        condition: {
          displayName: `auth.failure (denied) > ${ALERT_THRESHOLDS.authFailures} in ${minutes} min`,
          conditionThreshold: countOverWindow(
            `${userMetric(LOG_METRICS.authFailures)} AND metric.label.outcome="denied"`,
            ALERT_THRESHOLDS.authFailures,
          ),
        },
      },
      {
        id: "tool-errors",
        name: "DevRev MCP: tool calls failing",
        doc:
          `More than ${ALERT_THRESHOLDS.toolErrors} tool calls ended in an error in ${minutes} minutes. ` +
          "The error_type label says whether DevRev failed (devrev_*), callers sent bad arguments (invalid_*) or " +
          "the server failed (internal). docs/operations.md, 'Failing tools'.",
        condition: {
          displayName: `tool.call errors > ${ALERT_THRESHOLDS.toolErrors} in ${minutes} min`,
          conditionThreshold: countOverWindow(
            `${userMetric(LOG_METRICS.toolFailures)} AND metric.label.outcome="error"`,
            ALERT_THRESHOLDS.toolErrors,
          ),
        },
      },
      {
        id: "destructive-tool-calls",
        name: "DevRev MCP: destructive tool called",
        doc:
          "A destructive tool (a delete) was called or attempted. They are off unless " +
          "MCP_ENABLE_DESTRUCTIVE_TOOLS is true; check who called what with the 'Destructive calls' " +
          "query in docs/operations.md.",
        condition: {
          displayName: "destructive tool.call > 0",
          conditionThreshold: countOverWindow(
            userMetric(LOG_METRICS.destructiveToolCalls),
            ALERT_THRESHOLDS.destructiveToolCalls,
          ),
        },
      },
      {
        id: "server-errors",
        name: "DevRev MCP: 5xx responses",
        doc:
          `More than ${ALERT_THRESHOLDS.serverErrors} responses with a 5xx status in ${minutes} minutes ` +
          "(503 while DevRev is unreachable, 500 on a server bug, or Cloud Run failing to start revisions).",
        condition: {
          displayName: `5xx > ${ALERT_THRESHOLDS.serverErrors} in ${minutes} min`,
          conditionThreshold: countOverWindow(
            `${runMetric("request_count")} AND metric.label.response_code_class="5xx"`,
            ALERT_THRESHOLDS.serverErrors,
          ),
        },
      },
      {
        id: "uptime",
        name: "DevRev MCP: /health failing",
        doc:
          `The uptime check of https://${props.uptimeHost}${HEALTH_PATH} fails from more than one region. ` +
          "Check the latest revision's logs and `gcloud run services describe`; docs/cicd.md explains a rollback.",
        condition: {
          displayName: "uptime check failing",
          conditionThreshold: {
            filter: `metric.type="monitoring.googleapis.com/uptime_check/check_passed" AND resource.type="uptime_url" AND metric.label.check_id="${this.uptimeCheck.uptimeCheckId}"`,
            comparison: "COMPARISON_GT",
            thresholdValue: 1,
            duration: "0s",
            trigger: { count: 1 },
            // How many regions report a failure in their latest check.
            aggregations: [
              {
                alignmentPeriod: "1200s",
                perSeriesAligner: "ALIGN_NEXT_OLDER",
                crossSeriesReducer: "REDUCE_COUNT_FALSE",
                groupByFields: ["resource.label.*"],
              },
            ],
          },
        },
      },
    ];
    for (const policy of policies) {
      new MonitoringAlertPolicy(this, `alert-${policy.id}`, {
        project: projectId,
        displayName: policy.name,
        combiner: "OR",
        severity: policy.id === "uptime" || policy.id === "server-errors" ? "ERROR" : "WARNING",
        conditions: [policy.condition],
        notificationChannels: this.channels.map((c) => c.name),
        documentation: { content: policy.doc, mimeType: "text/markdown" },
        alertStrategy: { autoClose: "1800s" },
        dependsOn: props.dependsOn,
      });
    }

    this.dashboard = new MonitoringDashboard(this, "dashboard", {
      project: projectId,
      dashboardJson: JSON.stringify(dashboardLayout({ serviceName, runMetric, userMetric })),
      dependsOn: [...props.dependsOn, ...Object.values(this.metrics)],
    });
  }
}

interface DashboardInputs {
  serviceName: string;
  runMetric: (type: string) => string;
  userMetric: (name: string) => string;
}

type Aggregation = {
  alignmentPeriod: string;
  perSeriesAligner: string;
  crossSeriesReducer?: string;
  groupByFields?: string[];
};

/** One line or bar series of an xyChart. */
function series(filter: string, aggregation: Aggregation, plotType = "LINE", legend?: string) {
  return {
    plotType,
    ...(legend && { legendTemplate: legend }),
    targetAxis: "Y1",
    timeSeriesQuery: { timeSeriesFilter: { filter, aggregation } },
  };
}

function chart(title: string, dataSets: ReturnType<typeof series>[], label: string) {
  return { title, xyChart: { dataSets, yAxis: { label, scale: "LINEAR" } } };
}

/** Counters as events per minute; ALIGN_DELTA keeps them counts, as the alerts see them. */
const perMinute = (groupBy: string[] = []): Aggregation => ({
  alignmentPeriod: "60s",
  perSeriesAligner: "ALIGN_DELTA",
  crossSeriesReducer: "REDUCE_SUM",
  ...(groupBy.length > 0 && { groupByFields: groupBy }),
});

/** The dashboard as the Monitoring API's Dashboard JSON: a 48-column mosaic, two charts a row. */
export function dashboardLayout(inputs: DashboardInputs) {
  const { runMetric, userMetric } = inputs;
  const requests = runMetric("request_count");
  const latency = runMetric("request_latencies");
  const widgets = [
    chart(
      "Requests per minute by response class",
      [series(requests, perMinute(["metric.label.response_code_class"]), "STACKED_BAR")],
      "requests/min",
    ),
    chart(
      "4xx and 5xx per minute",
      [
        series(
          `${requests} AND metric.label.response_code_class="4xx"`,
          perMinute(["metric.label.response_code"]),
        ),
        series(
          `${requests} AND metric.label.response_code_class="5xx"`,
          perMinute(["metric.label.response_code"]),
        ),
      ],
      "responses/min",
    ),
    chart(
      "Latency p50 and p95",
      [
        series(
          latency,
          {
            alignmentPeriod: "60s",
            perSeriesAligner: "ALIGN_DELTA",
            crossSeriesReducer: "REDUCE_PERCENTILE_50",
          },
          "LINE",
          "p50",
        ),
        series(
          latency,
          {
            alignmentPeriod: "60s",
            perSeriesAligner: "ALIGN_DELTA",
            crossSeriesReducer: "REDUCE_PERCENTILE_95",
          },
          "LINE",
          "p95",
        ),
      ],
      "ms",
    ),
    chart(
      "Instances",
      [
        series(runMetric("container/instance_count"), {
          alignmentPeriod: "60s",
          perSeriesAligner: "ALIGN_MAX",
          crossSeriesReducer: "REDUCE_SUM",
          groupByFields: ["metric.label.state"],
        }),
      ],
      "instances",
    ),
    chart(
      "Auth failures by reason (audit)",
      [series(userMetric(LOG_METRICS.authFailures), perMinute(["metric.label.reason"]), "STACKED_BAR")],
      "failures/min",
    ),
    chart(
      "Tool calls by outcome (audit)",
      [series(userMetric(LOG_METRICS.toolCalls), perMinute(["metric.label.outcome"]), "STACKED_BAR")],
      "calls/min",
    ),
    chart(
      "Tool failures by tool and error type (audit)",
      [
        series(
          userMetric(LOG_METRICS.toolFailures),
          perMinute(["metric.label.tool", "metric.label.error_type"]),
          "STACKED_BAR",
        ),
      ],
      "failures/min",
    ),
    chart(
      "Destructive tool calls by tool (audit)",
      [
        series(
          userMetric(LOG_METRICS.destructiveToolCalls),
          perMinute(["metric.label.tool", "metric.label.outcome"]),
          "STACKED_BAR",
        ),
      ],
      "calls/min",
    ),
    {
      title: "Denied and failed audit events",
      // No resourceNames: the panel reads the dashboard's own project.
      logsPanel: {
        filter: `${auditLogFilter(inputs.serviceName)} AND severity>=WARNING`,
      },
    },
  ];
  const width = 24;
  const height = 16;
  return {
    displayName: `DevRev MCP: ${inputs.serviceName}`,
    mosaicLayout: {
      columns: 48,
      tiles: widgets.map((widget, i) => ({
        xPos: (i % 2) * width,
        yPos: Math.floor(i / 2) * height,
        width: i === widgets.length - 1 && i % 2 === 0 ? 48 : width,
        height,
        widget,
      })),
    },
  };
}
