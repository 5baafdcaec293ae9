// Cloud Logging correlates a line with its request trace through
// `logging.googleapis.com/trace` = projects/<project>/traces/<trace-id>.

const CLOUD_TRACE = /^([0-9a-f]{32})(?:\/(\d+))?/i;
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/i;

export interface TraceContext {
  traceId: string;
  spanId?: string;
}

export function parseTrace(headers: Record<string, string | string[] | undefined>): TraceContext | undefined {
  const tp = first(headers.traceparent)?.match(TRACEPARENT);
  if (tp?.[1]) return { traceId: tp[1].toLowerCase(), spanId: tp[2] };
  const ct = first(headers["x-cloud-trace-context"])?.match(CLOUD_TRACE);
  if (ct?.[1]) return { traceId: ct[1].toLowerCase(), ...(ct[2] ? { spanId: ct[2] } : {}) };
  return undefined;
}

export function traceFields(trace: TraceContext | undefined, projectId: string | undefined) {
  if (!trace) return {};
  return {
    "logging.googleapis.com/trace": projectId
      ? `projects/${projectId}/traces/${trace.traceId}`
      : trace.traceId,
    ...(trace.spanId ? { "logging.googleapis.com/spanId": trace.spanId } : {}),
  };
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
