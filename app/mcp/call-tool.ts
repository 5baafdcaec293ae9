import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import type { z } from "zod";
import { DevRevError } from "../devrev/errors.js";
import type { Auditor } from "../log/audit.js";
import type { Logger } from "../log/logger.js";
import type { ToolRegistry } from "./registry.js";
import { errorResult, toCallToolResult } from "./result.js";
import { decodeResume, type Resume } from "./resume-cursor.js";
import { hiddenReason, type Surface } from "./surface.js";
import { type ToolContext, toolCategory } from "./tool.js";
import { mapToolError } from "./tool-errors.js";

export interface CallToolDeps {
  registry: ToolRegistry;
  auditor: Auditor;
  surface: Surface;
  logger: Logger;
  /** Called when DevRev refused the caller's own token mid-request (revoked after validation). */
  onUpstreamAuthFailure?: (err: DevRevError) => void;
}

/**
 * Runs one tool call: gate, validate, execute, shape, audit. Every failure the caller can act on
 * becomes an `isError` result; only an unknown tool name is a protocol error (-32602).
 */
export async function callTool(
  deps: CallToolDeps,
  name: string,
  rawArgs: Record<string, unknown> | undefined,
  ctx: ToolContext,
): Promise<CallToolResult> {
  const entry = deps.registry.get(name);
  if (!entry) {
    throw new McpError(
      ErrorCode.InvalidParams,
      `Unknown tool: ${name}. Call tools/list, or devrev_find_tools to search the catalogue.`,
    );
  }
  const tool = entry.def;
  const category = toolCategory(tool);
  const started = performance.now();
  const audit = (outcome: "success" | "error" | "denied", error_type?: string) =>
    deps.auditor.record(
      {
        event: "tool.call",
        outcome,
        tool: name,
        category,
        duration_ms: Math.round((performance.now() - started) * 10) / 10,
        user_id: ctx.identity?.userId,
        email: ctx.identity?.email,
        token_hash: ctx.devrev.tokenHash,
        ...(error_type ? { error_type } : {}),
      },
      ctx.logger,
    );

  const hidden = hiddenReason(tool, deps.surface);
  if (hidden) {
    audit("denied", "not_enabled");
    return errorResult(`${name} is not available: ${hidden}.`);
  }

  // A cursor this server issued into a cut page: the tool reads that page again from DevRev's
  // cursor, and the result layer drops the items already shown.
  let resume: Resume = { cursor: undefined, skip: 0 };
  let args = rawArgs ?? {};
  if (typeof args.cursor === "string") {
    let decoded: Resume | undefined;
    try {
      decoded = decodeResume(args.cursor);
    } catch (err) {
      audit("error", "invalid_arguments");
      return errorResult(mapToolError(err, name).message);
    }
    resume = decoded ?? { cursor: args.cursor, skip: 0 };
    if (decoded) {
      const { cursor: _ours, ...rest } = args;
      args = decoded.cursor === undefined ? rest : { ...rest, cursor: decoded.cursor };
    }
  }
  const resumable = "cursor" in tool.input.shape;

  const parsed = tool.input.safeParse(args);
  if (!parsed.success) {
    audit("error", "invalid_arguments");
    return errorResult(
      `Invalid arguments for ${name}:\n${formatIssues(parsed.error.issues)}\nFix them and call again.`,
    );
  }

  try {
    const out = await tool.handler(parsed.data, ctx);
    audit("success");
    return toCallToolResult(out, ctx.limits.maxResultChars, { resume, resumable });
  } catch (err) {
    const mapped = mapToolError(err, name);
    if (err instanceof DevRevError && err.isAuthFailure) deps.onUpstreamAuthFailure?.(err);
    if (mapped.type === "internal") {
      deps.logger.error("tool handler failed", {
        tool: name,
        error: err,
        stack: err instanceof Error ? err.stack : undefined,
      });
    }
    audit("error", mapped.type);
    return errorResult(mapped.message);
  }
}

function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 10)
    .map((i) => `- ${i.path.length ? i.path.join(".") : "(arguments)"}: ${i.message}`)
    .join("\n");
}
