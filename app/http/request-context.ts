import type { RequestHandler } from "express";
import type { Logger } from "../log/logger.js";
import { parseTrace, traceFields } from "../log/trace.js";
import { requestState, setRequestState } from "./request-state.js";

/** Attaches trace-aware logging to each request and writes one access line when it ends. */
export function requestContext(logger: Logger, projectId: string | undefined): RequestHandler {
  return (req, res, next) => {
    const trace = parseTrace(req.headers);
    setRequestState(req, {
      startedAt: performance.now(),
      trace,
      // Without a trace there is nothing to add: the server's logger serves as it is.
      logger: trace ? logger.child(traceFields(trace, projectId)) : logger,
    });
    res.on("finish", () => {
      const s = requestState(req);
      const status = res.statusCode;
      const severity = status >= 500 ? "ERROR" : status >= 400 ? "WARNING" : "INFO";
      // Skip building the line when its level is off (production runs at warning).
      if (!s.logger.enabled(severity)) return;
      const latency = (performance.now() - s.startedAt) / 1000;
      const line = status >= 500 ? s.logger.error : status >= 400 ? s.logger.warn : s.logger.info;
      line("request", {
        httpRequest: {
          requestMethod: req.method,
          requestUrl: req.originalUrl.slice(0, 200),
          status,
          latency: `${latency.toFixed(4)}s`,
          userAgent: req.headers["user-agent"]?.slice(0, 200),
          remoteIp: req.ip,
          requestSize: req.headers["content-length"],
          protocol: `HTTP/${req.httpVersion}`,
        },
        mcp_method: s.mcpMethod,
        user_id: s.auth?.identity?.userId,
      });
    });
    next();
  };
}
