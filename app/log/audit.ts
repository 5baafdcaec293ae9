import type { Logger } from "./logger.js";

// The audit event schema. Log-based metrics and `gcloud logging read` filters in infra/ and docs/
// match these exact field names (jsonPayload.audit.event, jsonPayload.audit.outcome, ...), so a
// change here is a change to the monitoring contract.

export const AUDIT_LOG_MESSAGE = "audit";

/** The OAuth door's events: registrations, consent, code grants, refreshes and their refusals. */
export interface OAuthAuditEvent {
  event: "oauth.register" | "oauth.authorize" | "oauth.consent" | "oauth.grant" | "oauth.refresh";
  outcome: "success" | "denied" | "error";
  reason?: string;
  /** The client's own name (from its registration or metadata document). */
  client?: string;
  /** SHA-256 of the client_id (registered ids are long signed records). */
  client_id_hash?: string;
  user_id?: string;
  email?: string;
  /** Hash of the DevRev PAT behind the grant, as auth events record it. */
  token_hash?: string;
  scope?: string;
  client_ip?: string;
  user_agent?: string;
}

export type AuditEvent =
  | OAuthAuditEvent
  | {
      event: "auth.success" | "auth.failure";
      outcome: "success" | "denied" | "error";
      reason?: string;
      auth_mode: string;
      user_id?: string;
      email?: string;
      token_hash?: string;
      client_ip?: string;
      user_agent?: string;
    }
  | {
      event: "tool.call";
      outcome: "success" | "error" | "denied";
      tool: string;
      category: "read" | "write" | "destructive";
      duration_ms: number;
      user_id?: string;
      email?: string;
      token_hash?: string;
      error_type?: string;
    };

export interface Auditor {
  /** `scoped` is the request's logger, so the event carries the request's trace. */
  record(event: AuditEvent, scoped?: Logger): void;
}

export function createAuditor(logger: Logger, enabled: boolean): Auditor {
  return {
    record(event, scoped) {
      if (!enabled) return;
      const target = scoped ?? logger;
      if (event.outcome === "success") target.notice(AUDIT_LOG_MESSAGE, { audit: event });
      else target.warn(AUDIT_LOG_MESSAGE, { audit: event });
    },
  };
}
