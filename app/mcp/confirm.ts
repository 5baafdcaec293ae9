import {
  acceptedContent,
  CLIENT_CAPABILITIES_META_KEY,
  type ClientCapabilities,
  type InputRequiredResult,
  inputRequired,
  inputResponse,
  type Server,
  type ServerContext,
} from "@modelcontextprotocol/server";
import { z } from "zod";
import { sanitizeLine } from "../util/sanitize.js";

// Confirmation before a destructive step, in whatever form the client can answer:
// - 2026-07-28 with elicitation: an `input_required` round trip. The handler runs again on the
//   retry, re-resolves the object, and finds the user's answer under CONFIRM_KEY.
// - a 2025-era connection that declared elicitation (stdio, where a connection outlives the
//   call): a pushed elicitation/create, awaited in place.
// - anything else (stateless 2025 HTTP, clients without elicitation): the documented `confirm`
//   argument, which the model sets after asking the user; without it the call explains and stops.
// A declined, cancelled or missing answer deletes nothing.

export const CONFIRM_KEY = "confirm";

const answerSchema = z.object({ confirm: z.boolean() });
const requestedSchema = {
  type: "object" as const,
  properties: { confirm: { type: "boolean" as const, title: "Yes, do it", default: false } },
  required: ["confirm"],
};

/** The tool has not been confirmed yet; carries the question and how to ask it. */
export class ConfirmationNeeded extends Error {
  constructor(
    readonly question: string,
    readonly via: "input_required" | "argument",
  ) {
    super(question);
    this.name = "ConfirmationNeeded";
  }
}

/** The user said no (or dismissed the question). */
export class ConfirmationRefused extends Error {
  constructor(readonly question: string) {
    super(question);
    this.name = "ConfirmationRefused";
  }
}

export type Confirm = (question: string) => Promise<void>;

/** The `confirm` of one tool call; `argument` is the call's own `confirm` argument. */
export function confirmer(ctx: ServerContext, server: Server, argument: boolean): Confirm {
  return async (question) => {
    const envelope = ctx.mcpReq.envelope as Record<string, unknown> | undefined;
    if (envelope !== undefined) {
      const answer = inputResponse(ctx.mcpReq.inputResponses, CONFIRM_KEY);
      if (answer.kind === "elicit") {
        const content = acceptedContent(ctx.mcpReq.inputResponses, CONFIRM_KEY, answerSchema);
        if (answer.action === "accept" && content?.confirm === true) return;
        throw new ConfirmationRefused(question);
      }
      const caps = envelope[CLIENT_CAPABILITIES_META_KEY] as ClientCapabilities | undefined;
      if (caps?.elicitation) throw new ConfirmationNeeded(question, "input_required");
    } else if (server.getClientCapabilities()?.elicitation) {
      const result = await ctx.mcpReq.elicitInput({ mode: "form", message: question, requestedSchema });
      const parsed = answerSchema.safeParse(result.content);
      if (result.action === "accept" && parsed.success && parsed.data.confirm) return;
      throw new ConfirmationRefused(question);
    }
    if (argument) return;
    throw new ConfirmationNeeded(question, "argument");
  };
}

/** The `input_required` result that asks the question. */
export function askToConfirm(question: string): InputRequiredResult {
  return inputRequired({
    inputRequests: {
      [CONFIRM_KEY]: inputRequired.elicit({ message: question, requestedSchema }),
    },
  });
}

/**
 * The description of the `confirm` argument every destructive tool takes, in every listing of it:
 * what the model must know, no more (a client that can ask the user is asked anyway, and an
 * unconfirmed call explains itself).
 */
export const CONFIRM_ARGUMENT = "Set true only after the user agreed to this exact change.";

/**
 * The question a destructive tool asks: the action, the object's display id and its title, e.g.
 * `Permanently delete TKT-12 "Login fails"?`. DevRev text is sanitised: the question reaches the
 * user's screen, and on the fallback path the model.
 */
export function confirmQuestion(action: string, name: string, title: string | undefined): string {
  const quoted = title ? ` "${sanitizeLine(title, 120)}"` : "";
  return `${action} ${sanitizeLine(name, 120)}${quoted}?`;
}
