import type { CallToolResult, InputRequiredResult } from "@modelcontextprotocol/server";
import type { z } from "zod";
import type { Operation, OperationBody, OperationResult } from "../devrev/call.js";
import type { DevRevClient } from "../devrev/client.js";
import type { DevRevError } from "../devrev/errors.js";
import type { RequestBudget } from "../devrev/request-budget.js";
import type { Logger } from "../log/logger.js";
import type { Surface } from "./surface.js";

/** Who is calling. Over HTTP it comes from the validated PAT; over stdio from DEVREV_API_TOKEN. */
export interface Identity {
  userId: string;
  email: string | undefined;
  /** For the OAuth consent page ("Signed in as ..."). */
  displayName: string | undefined;
}

/**
 * Who is calling and what they may see, derived once per HTTP request by the front door (once per
 * process over stdio) and only read afterwards. The DevRev client and identity are the caller's own.
 */
export interface Caller {
  devrev: DevRevClient;
  identity: Identity | undefined;
  /** The hash of the DevRev token this caller's calls carry: the only form logs name it by. */
  tokenHash: string;
  /** What this request may see and call. */
  surface: Surface;
  logger: Logger;
  /** For the call layer: DevRev refused the caller's own token mid-request (revoked after validation). */
  onUpstreamAuthFailure?: (err: DevRevError) => void;
}

/**
 * Everything a tool, resource, prompt or completer may use: the caller, plus what belongs to this
 * one MCP message (its abort signal, progress token and log level). The only context there is.
 */
export interface ToolContext extends Caller {
  /**
   * One DevRev operation with this request's abort signal, unwrapped: the result on success, a
   * DevRevError otherwise. `ctx.call("works.get", { id })`.
   */
  call<O extends Operation>(op: O, body: OperationBody<O>): Promise<OperationResult<O>>;
  /**
   * This request's share of DevRev: `call` spends it; `memo` and `resolveEach` resolve an id once
   * per request and name the argument whose values would not fit (app/devrev/request-budget.ts).
   */
  budget: RequestBudget;
  signal: AbortSignal;
  limits: { maxResultChars: number };
  /** The whole catalogue and this request's view of it, for tools that describe other tools. */
  catalog?: CatalogAccess;
  /**
   * Reports progress of a long tool (`done` of `total` steps). Sent only when the client asked,
   * with a progress token; otherwise free.
   */
  progress(done: number, total: number, message?: string): Promise<void>;
  /** Sends an MCP log message, only when the client asked for logs at that level. */
  log(level: "debug" | "info" | "warning" | "error", message: string): Promise<void>;
  /**
   * Asks the user to confirm a destructive step; call it after resolving the object and before
   * changing anything. Resolves once confirmed; otherwise throws, and the call layer turns that
   * into the question (an `input_required` round trip, or an error asking for `confirm: true`)
   * or a refusal. `question` names the object, e.g. `Delete TKT-12 "Login fails"?`.
   */
  confirm(question: string): Promise<void>;
}

/** Read access to the registry without importing it (the catalogue imports the tools). */
export interface CatalogAccess {
  /** Every tool declared, whether or not this request may see it. */
  tools(): readonly ToolDefinition[];
  /** Toolset names and their one-line descriptions. */
  toolsets: Readonly<Record<string, string>>;
  /** Why a tool may not be called on this request's surface, or undefined when it may. */
  refusedReason(tool: ToolDefinition): string | undefined;
  /** Whether this request's tools/list shows the tool. */
  isListed(tool: ToolDefinition): boolean;
  /** The tool's input JSON Schema exactly as tools/list would show it (`confirm` included). */
  inputSchema(name: string): Record<string, unknown> | undefined;
  /**
   * Runs a tool through the same path as tools/call (gate, validation, confirmation, audit under
   * its own name, truncation and resume cursor); `via` is the forwarding tool's name, for the
   * messages that tell the model how to call again.
   */
  run(
    name: string,
    args: Record<string, unknown>,
    via: string,
  ): Promise<CallToolResult | InputRequiredResult>;
}

/** Every hint is required: clients use them to decide what needs the user's confirmation. */
export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

/** What a handler answers: its own shaped result, or (devrev_call_tool) another tool's. */
export type ToolOutput<S> = ShapedOutput<S> | ForwardedOutput;

export interface ShapedOutput<S> {
  /** Compact text for the model: ids, titles, stage, owners, dates, cursor. */
  text: string;
  /**
   * Matches the tool's output schema, on every successful result: a tool that lists an
   * outputSchema must answer with structuredContent conforming to it (the v2 client checks).
   */
  structured: S;
  /**
   * For lists: the text as parts, one rendered entry per `structured.items` element, so the result
   * layer can cut text and structured content at the same item (see app/mcp/result.ts).
   */
  list?: ListLayout;
  forwarded?: undefined;
}

export interface ForwardedOutput {
  text: string;
  /**
   * Another tool's result, already gated, shaped and audited by the call layer: returned as it
   * is. A success carries that tool's structuredContent, so it conforms to the forwarding tool's
   * output schema (any object).
   */
  forwarded: CallToolResult | InputRequiredResult;
  structured?: undefined;
  list?: undefined;
}

export interface ListLayout {
  /** One entry per item, in the order of `structured.items`. */
  lines: string[];
  /** Above the items when there are any ("Members of X:"); given the items shown. */
  header?: string | ((shown: number) => string) | undefined;
  /** Instead of the items when there are none. */
  empty: string;
  /** Below the items, before the cursor line ("12 articles match in all."); given the items shown. */
  footer?: string | ((shown: number) => string) | undefined;
  /** What the items are, for the cursor line ("work items"). Without it, a cursor line only when cut. */
  noun?: string | undefined;
}

// biome-ignore lint/suspicious/noExplicitAny: the registry holds tools of every shape.
export type AnyZodObject = z.ZodObject<any>;

export interface ToolDefinition<
  I extends AnyZodObject = AnyZodObject,
  O extends AnyZodObject = AnyZodObject,
> {
  /** `devrev_<noun>_<verb>`, keeping the reference server's names where the meaning is the same. */
  name: string;
  title: string;
  toolset: string;
  /** Part of the small everyday surface that `MCP_TOOLSETS=default` exposes. */
  inDefault?: boolean;
  /** Written for a model: when to use it, what ids look like, how to page. */
  description: string;
  input: I;
  /** What `structured` holds; tools/list advertises its top level as the outputSchema. */
  output: O;
  annotations: ToolAnnotations;
  /** DevRev operations the handler may call; tests prove a read-only tool calls only reads. */
  operations: readonly string[];
  /** Set when any of `operations` exists only in DevRev's beta API. */
  beta?: boolean;
  /**
   * Runs other tools by name (devrev_call_tool). Each tool it runs is checked against the
   * request's surface on its own, so its own gate is its toolset only, and its listed hints are
   * the widest of what it may run on that surface (see surface.ts).
   */
  forwards?: boolean;
  // Method syntax on purpose: it lets a registry hold tools with different argument types.
  handler(args: z.output<I>, ctx: ToolContext): Promise<ToolOutput<z.output<O>>>;
}

/** A typed identity: the value is in the shape every tool must have. */
export function defineTool<I extends AnyZodObject, O extends AnyZodObject>(
  def: ToolDefinition<I, O>,
): ToolDefinition<I, O> {
  return def;
}

/** Category for audit logs and gating. */
export function toolCategory(tool: Pick<ToolDefinition, "annotations">): "read" | "write" | "destructive" {
  if (tool.annotations.readOnlyHint) return "read";
  return tool.annotations.destructiveHint ? "destructive" : "write";
}
