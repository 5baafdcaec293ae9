import {
  type CallToolResult,
  type InputRequiredResult,
  ProtocolError,
  ProtocolErrorCode,
} from "@modelcontextprotocol/server";
import type { z } from "zod";
import { DevRevError } from "../devrev/errors.js";
import { boundArgs } from "./bounded-args.js";
import { askToConfirm, ConfirmationNeeded, ConfirmationRefused } from "./confirm.js";
import { errorResult, toCallToolResult } from "./result.js";
import { decodeResume, type Resume } from "./resume-cursor.js";
import type { McpShared } from "./server.js";
import { refusedReason } from "./surface.js";
import { type ToolContext, toolCategory } from "./tool.js";
import { mapToolError } from "./tool-errors.js";

/**
 * Runs one tool call: gate, validate, execute, shape, audit. Every failure the caller can act on
 * becomes an `isError` result; only an unknown tool name is a protocol error (-32602). A
 * destructive tool that still needs the user's confirmation answers with the question instead.
 */
export async function callTool(
  shared: Pick<McpShared, "registry" | "auditor">,
  name: string,
  rawArgs: Record<string, unknown> | undefined,
  ctx: ToolContext,
  /** The forwarding tool this call came through (devrev_call_tool), for the "call again" advice. */
  via?: string,
): Promise<CallToolResult | InputRequiredResult> {
  const entry = shared.registry.get(name);
  if (!entry) {
    throw new ProtocolError(
      ProtocolErrorCode.InvalidParams,
      `Unknown tool: ${name}. Call tools/list, or devrev_find_tools to search the catalogue.`,
    );
  }
  const tool = entry.def;
  const category = toolCategory(tool);
  const started = performance.now();
  const audit = (outcome: "success" | "error" | "denied", error_type?: string) =>
    shared.auditor.record(
      {
        event: "tool.call",
        outcome,
        tool: name,
        category,
        duration_ms: Math.round((performance.now() - started) * 10) / 10,
        user_id: ctx.identity?.userId,
        email: ctx.identity?.email,
        token_hash: ctx.tokenHash,
        ...(error_type ? { error_type } : {}),
      },
      ctx.logger,
    );

  const refused = refusedReason(tool, ctx.surface);
  if (refused) {
    audit("denied", "not_enabled");
    return errorResult(`${name} is not available: ${refused}.`);
  }

  // Arrays de-duplicated and bounded before anything else looks at them (bounded-args.ts).
  const bounded = boundArgs(rawArgs ?? {});
  if (!bounded.ok) {
    audit("error", "invalid_arguments");
    return errorResult(`Invalid arguments for ${name}:\n- ${bounded.problem}\nFix them and call again.`);
  }

  // A cursor this server issued into a cut page: the tool reads that page again from DevRev's
  // cursor, and the result layer drops the items already shown.
  let resume: Resume = { cursor: undefined, skip: 0 };
  let args = bounded.args;
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

  const parsed = entry.input.safeParse(args);
  if (!parsed.success) {
    audit("error", "invalid_arguments");
    return errorResult(
      `Invalid arguments for ${name}:\n${formatIssues(parsed.error.issues)}\nFix them and call again.`,
    );
  }

  try {
    const out = await tool.handler(parsed.data, ctx);
    // The tool it ran was gated, audited and shaped by its own call.
    if (out.forwarded) return out.forwarded;
    audit("success");
    return toCallToolResult(out, ctx.limits.maxResultChars, { resume, resumable });
  } catch (err) {
    if (err instanceof ConfirmationNeeded) {
      audit("denied", "confirmation_pending");
      if (err.via === "input_required") return askToConfirm(err.question);
      const again = via
        ? `${via} again with the same name and arguments, adding confirm: true inside arguments`
        : `${name} again with the same arguments and confirm: true`;
      return errorResult(
        `${err.question} Nothing has been changed yet. Ask the user; only if they agree, call ${again}.`,
      );
    }
    if (err instanceof ConfirmationRefused) {
      audit("denied", "confirmation_refused");
      return errorResult(`Not done: the user did not confirm (${err.question}). Nothing was changed.`);
    }
    const mapped = mapToolError(err, name);
    if (err instanceof DevRevError && err.isAuthFailure) ctx.onUpstreamAuthFailure?.(err);
    if (mapped.type === "internal") {
      ctx.logger.error("tool handler failed", {
        tool: name,
        error: err,
        stack: err instanceof Error ? err.stack : undefined,
      });
    }
    audit("error", mapped.type);
    return errorResult(mapped.message);
  } finally {
    ctx.budget.close();
  }
}

function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 10)
    .map((i) => `- ${i.path.length ? i.path.join(".") : "(arguments)"}: ${i.message}`)
    .join("\n");
}
