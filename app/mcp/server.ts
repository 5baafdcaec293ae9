import {
  type CallToolResult,
  type HandlerResultTypeMap,
  type InputRequiredResult,
  type JSONRPCRequest,
  type jsonSchemaValidator,
  type LoggingLevel,
  ProtocolError,
  ProtocolErrorCode,
  type RequestMethod,
  type RequestTypeMap,
  type Result,
  Server,
  type ServerContext,
} from "@modelcontextprotocol/server";
import { callOperation } from "../devrev/call.js";
import { DevRevError } from "../devrev/errors.js";
import { RequestBudget, type RequestLimits } from "../devrev/request-budget.js";
import type { Auditor } from "../log/audit.js";
import type { Logger } from "../log/logger.js";
import { type Completer, runCompleter } from "../tools/shared/completion.js";
import { callTool } from "./call-tool.js";
import { confirmer } from "./confirm.js";
import type { PromptRegistry } from "./prompt.js";
import type { ToolRegistry } from "./registry.js";
import type { ResourceRegistry } from "./resource.js";
import { refusedReason } from "./surface.js";
import type { Caller, CatalogAccess, ToolContext } from "./tool.js";
import { mapToolError } from "./tool-errors.js";

// The low-level v2 Server, not McpServer: the registries are built once at start and every request
// only reads them, where McpServer would convert each tool's zod schemas again per instance.

/** Built once at start and shared by every request. */
export interface McpShared {
  info: { name: string; version: string; title: string; icons?: Icon[] };
  instructions: string;
  registry: ToolRegistry;
  resources: ResourceRegistry;
  prompts: PromptRegistry;
  validator: jsonSchemaValidator;
  auditor: Auditor;
  limits: { maxResultChars: number };
  /** DevRev calls one request may make, in all and at once (request-budget.ts). */
  requestLimits: Readonly<RequestLimits>;
  /** Toolset names and descriptions, for devrev_find_tools. */
  toolsets: Readonly<Record<string, string>>;
}

export interface Icon {
  src: string;
  mimeType?: string;
  sizes?: string[];
}

/**
 * How the list results may be cached by a 2026-07-28 client. The surface changes only when the
 * operator redeploys with other settings, so an hour is safe; it is `private` because the path
 * and X-MCP-* headers narrow it per connection, so it is not the same for every caller.
 * Resource reads are the caller's live DevRev data and keep the SDK's default (not cacheable).
 */
const LIST_TTL_MS = 60 * 60 * 1000;
const CACHE_HINTS = {
  "server/discover": { ttlMs: LIST_TTL_MS, cacheScope: "private" },
  "tools/list": { ttlMs: LIST_TTL_MS, cacheScope: "private" },
  "prompts/list": { ttlMs: LIST_TTL_MS, cacheScope: "private" },
  "resources/list": { ttlMs: LIST_TTL_MS, cacheScope: "private" },
  "resources/templates/list": { ttlMs: LIST_TTL_MS, cacheScope: "private" },
} as const;

/**
 * A Server per request (or per stdio connection) whose handlers only read the shared registries:
 * creating it costs a few map insertions, so a stateless HTTP request stays cheap.
 */
export function createMcpServer(shared: McpShared, caller: Caller): Server {
  const server = new ValidatingServer(shared.info, {
    capabilities: {
      tools: { listChanged: false },
      resources: { listChanged: false, subscribe: false },
      prompts: { listChanged: false },
      completions: {},
      // Long tools send notifications/message when the client asked for a level (see logTo).
      logging: {},
    },
    instructions: shared.instructions,
    jsonSchemaValidator: shared.validator,
    cacheHints: CACHE_HINTS,
  });

  let listed: Set<string> | undefined;
  const catalog: Omit<CatalogAccess, "run"> = {
    tools: () => [...shared.registry.tools.values()].map((t) => t.def),
    toolsets: shared.toolsets,
    refusedReason: (tool) => refusedReason(tool, caller.surface),
    isListed: (tool) => {
      listed ??= new Set(shared.registry.list(caller.surface).map((t) => t.name));
      return listed.has(tool.name);
    },
    inputSchema: (name) => shared.registry.get(name)?.listing.inputSchema,
  };
  // A 2025-era client sets its level once per connection (stdio); a stateless HTTP request never
  // carries one, and then nothing is sent. A 2026-07-28 request carries its level in _meta.
  let legacyLevel: LoggingLevel | undefined;

  // The caller's fields as they are, plus what belongs to this one message.
  // One budget per MCP message: a tool forwarded by devrev_call_tool spends its caller's.
  const contextFor = (
    ctx: ServerContext,
    confirmArgument = false,
    budget = new RequestBudget(shared.requestLimits),
  ): ToolContext => {
    const progressToken = ctx.mcpReq._meta?.progressToken;
    const modern = ctx.mcpReq.envelope !== undefined;
    let progressed = 0;
    return {
      ...caller,
      call: (op, body) => budget.run(() => callOperation(caller.devrev, op, body, ctx.mcpReq.signal)),
      budget,
      signal: ctx.mcpReq.signal,
      limits: shared.limits,
      catalog: {
        ...catalog,
        // A forwarded call is a tools/call of its own: its `confirm` is the one in its arguments.
        run: (name, args, via) =>
          callTool(shared, name, args, contextFor(ctx, args.confirm === true, budget), via),
      },
      progress: async (done, total, message) => {
        // Progress must increase per token; a step that does not is dropped, not sent.
        if (progressToken === undefined || done <= progressed) return;
        progressed = done;
        await ctx.mcpReq
          .notify({
            method: "notifications/progress",
            params: { progressToken, progress: done, total, ...(message ? { message } : {}) },
          })
          .catch(() => {});
      },
      log: async (level, message) => {
        if (!modern && (legacyLevel === undefined || severity(level) < severity(legacyLevel))) return;
        await ctx.mcpReq.log(level, message, "devrev").catch(() => {});
      },
      confirm: confirmer(ctx, server, confirmArgument),
    };
  };

  handle(server, caller.logger, "logging/setLevel", (request) => {
    legacyLevel = request.params.level;
    return {};
  });

  handle(server, caller.logger, "tools/list", () => ({ tools: shared.registry.list(caller.surface) }));

  handle(
    server,
    caller.logger,
    "tools/call",
    (request, ctx): Promise<CallToolResult | InputRequiredResult> =>
      callTool(
        shared,
        request.params.name,
        request.params.arguments,
        contextFor(ctx, request.params.arguments?.confirm === true),
      ),
  );

  handle(server, caller.logger, "resources/list", () => ({
    resources: shared.resources.list(caller.surface).fixed,
  }));
  handle(server, caller.logger, "resources/templates/list", () => ({
    resourceTemplates: shared.resources.list(caller.surface).templates,
  }));
  handle(server, caller.logger, "resources/read", async (request, ctx) => {
    const { uri } = request.params;
    let found: ReturnType<typeof shared.resources.match>;
    try {
      // A malformed %-escape in the URI is the caller's mistake: -32602 saying what to fix.
      found = shared.resources.match(uri);
    } catch (err) {
      throw asProtocolError(err, `resource ${uri}`, caller);
    }
    if (!found) {
      throw new ProtocolError(
        ProtocolErrorCode.ResourceNotFound,
        `Resource not found: ${uri}. List resources and templates to see what exists.`,
      );
    }
    const refused = shared.resources.refusedReason(found.def, caller.surface);
    if (refused) {
      throw new ProtocolError(
        ProtocolErrorCode.ResourceNotFound,
        `Resource ${found.def.uri} is not available on this connection: ${refused}.`,
      );
    }
    try {
      const text = await found.def.read(found.params, contextFor(ctx));
      return { contents: [{ uri, mimeType: found.def.mimeType, text }] };
    } catch (err) {
      throw asProtocolError(err, `resource ${uri}`, caller);
    }
  });

  handle(server, caller.logger, "prompts/list", () => ({ prompts: shared.prompts.list(caller.surface) }));
  handle(server, caller.logger, "prompts/get", async (request, ctx) => {
    const prompt = shared.prompts.prompts.get(request.params.name);
    if (!prompt) {
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown prompt: ${request.params.name}`);
    }
    refuseIfNotPermitted(shared.prompts.refusedReason(prompt, caller.surface), `Prompt ${prompt.name}`);
    const parsed = prompt.args.safeParse(request.params.arguments ?? {});
    if (!parsed.success) {
      const detail = parsed.error.issues
        .map((i) => `${i.path.join(".") || "arguments"}: ${i.message}`)
        .join("; ");
      throw new ProtocolError(
        ProtocolErrorCode.InvalidParams,
        `Invalid arguments for prompt ${prompt.name}: ${detail}`,
      );
    }
    try {
      return await prompt.get(parsed.data, contextFor(ctx));
    } catch (err) {
      throw asProtocolError(err, `prompt ${prompt.name}`, caller);
    }
  });

  handle(server, caller.logger, "completion/complete", async (request, ctx) => {
    const { ref, argument } = request.params;
    // The argument name comes from the client: looked up as an own property only, so __proto__,
    // constructor or toString never reach Object.prototype (-32603 "completer is not a function");
    // a name a resource template does not have is -32602 listing the ones it does.
    let completer: Completer | undefined;
    // Completion suggests the data the resource or prompt would show: refused where they are.
    if (ref.type === "ref/resource") {
      const def = shared.resources.byUri(ref.uri);
      if (def)
        refuseIfNotPermitted(shared.resources.refusedReason(def, caller.surface), `Resource ${def.uri}`);
    } else if (ref.type === "ref/prompt") {
      const def = shared.prompts.prompts.get(ref.name);
      if (def) refuseIfNotPermitted(shared.prompts.refusedReason(def, caller.surface), `Prompt ${def.name}`);
    }
    try {
      if (ref.type === "ref/resource") completer = shared.resources.completer(ref.uri, argument.name);
      else if (ref.type === "ref/prompt") {
        const own = shared.prompts.prompts.get(ref.name)?.complete as Record<string, Completer> | undefined;
        completer = own && Object.hasOwn(own, argument.name) ? own[argument.name] : undefined;
      }
    } catch (err) {
      throw asProtocolError(err, "completion/complete", caller);
    }
    return { completion: { ...(await runCompleter(completer, argument.value, contextFor(ctx))) } };
  });

  return server;
}

/** A prompt or completion this surface may not use: -32602 saying why and what would allow it. */
function refuseIfNotPermitted(reason: string | undefined, what: string): void {
  if (reason)
    throw new ProtocolError(
      ProtocolErrorCode.InvalidParams,
      `${what} is not available on this connection: ${reason}.`,
    );
}

/**
 * Registers a handler whose own failures are always protocol errors with a code: whatever else
 * escapes a handler is the SDK refusing the request's params (see ValidatingServer).
 */
function handle<M extends RequestMethod>(
  server: Server,
  logger: Logger,
  method: M,
  handler: (
    request: RequestTypeMap[M],
    ctx: ServerContext,
  ) => HandlerResultTypeMap[M] | Promise<HandlerResultTypeMap[M]>,
): void {
  server.setRequestHandler(method, async (request, ctx) => {
    try {
      return await handler(request, ctx);
    } catch (err) {
      if (err instanceof ProtocolError) throw err;
      logger.error("request handler failed", { method, error: err });
      throw new ProtocolError(ProtocolErrorCode.InternalError, "Internal error");
    }
  });
}

/**
 * The SDK checks a request's params against the spec schema before the handler runs, and a
 * failure comes back as -32603 "Internal error" with the raw validation message. Here every
 * handler (the SDK's own initialize and discover included) is wrapped through the documented
 * `_wrapHandler` hook: an error without a JSON-RPC code that escapes is that check, so it becomes
 * -32602 naming what was wrong. (Found by test/reliability/fuzz.test.ts.)
 */
class ValidatingServer extends Server {
  protected override _wrapHandler(
    method: string,
    handler: (request: JSONRPCRequest, ctx: ServerContext) => Promise<Result>,
  ): (request: JSONRPCRequest, ctx: ServerContext) => Promise<Result> {
    const coded = async (request: JSONRPCRequest, ctx: ServerContext) => {
      try {
        return await handler(request, ctx);
      } catch (err) {
        if (err instanceof ProtocolError) throw err;
        const code = (err as { code?: unknown }).code;
        if (Number.isSafeInteger(code)) throw err;
        const detail = err instanceof Error ? err.message.slice(0, 500) : "malformed request";
        throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Invalid params for ${method}: ${detail}`);
      }
    };
    return super._wrapHandler(method, coded);
  }
}

const LEVELS: readonly LoggingLevel[] = [
  "debug",
  "info",
  "notice",
  "warning",
  "error",
  "critical",
  "alert",
  "emergency",
];
const severity = (level: LoggingLevel) => LEVELS.indexOf(level);

/**
 * A failed resource read or prompt as a JSON-RPC error. The caller's mistakes (a malformed id,
 * arguments DevRev refuses, an object that does not exist) are -32602 / resource-not-found, not
 * -32603 "Internal error": found by test/reliability/fuzz.test.ts, where a read of
 * `devrev://works/{id}` answered "internal error". Only failures of the server or DevRev stay -32603.
 */
function asProtocolError(err: unknown, what: string, caller: Caller): ProtocolError {
  if (err instanceof ProtocolError) return err;
  if (err instanceof DevRevError && err.isAuthFailure) caller.onUpstreamAuthFailure?.(err);
  const mapped = mapToolError(err, what);
  if (mapped.type === "internal") caller.logger.error(`${what} failed`, { error: err });
  const code =
    mapped.type === "invalid_input" ||
    mapped.type === "budget_exceeded" ||
    mapped.type === "devrev_bad_request"
      ? ProtocolErrorCode.InvalidParams
      : mapped.type === "devrev_not_found"
        ? what.startsWith("resource ")
          ? ProtocolErrorCode.ResourceNotFound
          : ProtocolErrorCode.InvalidParams
        : ProtocolErrorCode.InternalError;
  return new ProtocolError(code, mapped.message);
}
