import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  CompleteRequestSchema,
  ErrorCode,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
} from "@modelcontextprotocol/sdk/types.js";
import type { jsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/types.js";
import { z } from "zod";
import { callOperation } from "../devrev/call.js";
import type { DevRevClient } from "../devrev/client.js";
import { DevRevError } from "../devrev/errors.js";
import type { Auditor } from "../log/audit.js";
import type { Logger } from "../log/logger.js";
import { type Completer, runCompleter } from "../tools/shared/completion.js";
import { callTool } from "./call-tool.js";
import type { PromptRegistry } from "./prompt.js";
import type { ToolRegistry } from "./registry.js";
import type { ResourceRegistry } from "./resource.js";
import { hiddenReason, type Surface } from "./surface.js";
import type { CatalogAccess, Identity, ToolContext } from "./tool.js";
import { mapToolError } from "./tool-errors.js";

/** Built once at start and shared by every request. */
export interface McpShared {
  info: { name: string; version: string; title: string };
  instructions: string;
  registry: ToolRegistry;
  resources: ResourceRegistry;
  prompts: PromptRegistry;
  validator: jsonSchemaValidator;
  auditor: Auditor;
  limits: { maxResultChars: number };
  /** Toolset names and descriptions, for devrev_find_tools. */
  toolsets: Readonly<Record<string, string>>;
}

/** What belongs to one caller and one request. */
export interface RequestScope {
  devrev: DevRevClient;
  identity: Identity | undefined;
  surface: Surface;
  logger: Logger;
  onUpstreamAuthFailure?: (err: DevRevError) => void;
}

/**
 * A low-level Server per request whose handlers only read the shared registries: creating it costs
 * a few map insertions, so a stateless HTTP request stays cheap.
 */
export function createMcpServer(shared: McpShared, scope: RequestScope): Server {
  const server = new ValidatingServer(
    { name: shared.info.name, version: shared.info.version, title: shared.info.title },
    {
      capabilities: {
        tools: { listChanged: false },
        resources: { listChanged: false, subscribe: false },
        prompts: { listChanged: false },
        completions: {},
        logging: {},
      },
      instructions: shared.instructions,
      jsonSchemaValidator: shared.validator,
    },
  );

  const catalog: CatalogAccess = {
    tools: () => [...shared.registry.tools.values()].map((t) => t.def),
    toolsets: shared.toolsets,
    hiddenReason: (tool) => hiddenReason(tool, scope.surface),
  };

  const contextFor = (signal: AbortSignal): ToolContext => ({
    devrev: scope.devrev,
    call: (op, body) => callOperation(scope.devrev, op, body, signal),
    identity: scope.identity,
    signal,
    logger: scope.logger,
    limits: shared.limits,
    features: { beta: scope.surface.beta },
    catalog,
    notify: async (level, message) => {
      await server.sendLoggingMessage({ level, logger: "devrev", data: message }).catch(() => {});
    },
  });

  handle(server, ListToolsRequestSchema, () => ({ tools: shared.registry.list(scope.surface) }));

  handle(server, CallToolRequestSchema, (request, extra) =>
    callTool(
      {
        registry: shared.registry,
        auditor: shared.auditor,
        surface: scope.surface,
        logger: scope.logger,
        onUpstreamAuthFailure: scope.onUpstreamAuthFailure,
      },
      request.params.name,
      request.params.arguments,
      contextFor(extra.signal),
    ),
  );

  handle(server, ListResourcesRequestSchema, () => ({ resources: shared.resources.fixed }));
  handle(server, ListResourceTemplatesRequestSchema, () => ({
    resourceTemplates: shared.resources.templates,
  }));
  handle(server, ReadResourceRequestSchema, async (request, extra) => {
    const { uri } = request.params;
    const found = shared.resources.match(uri);
    if (!found || (found.def.beta && !scope.surface.beta)) {
      throw new McpError(
        -32002,
        `Resource not found: ${uri}. List resources and templates to see what exists.`,
      );
    }
    try {
      const text = await found.def.read(found.params, contextFor(extra.signal));
      return { contents: [{ uri, mimeType: found.def.mimeType, text }] };
    } catch (err) {
      throw asProtocolError(err, `resource ${uri}`, scope);
    }
  });

  handle(server, ListPromptsRequestSchema, () => ({ prompts: shared.prompts.listing }));
  handle(server, GetPromptRequestSchema, async (request, extra) => {
    const prompt = shared.prompts.prompts.get(request.params.name);
    if (!prompt) throw new McpError(ErrorCode.InvalidParams, `Unknown prompt: ${request.params.name}`);
    const parsed = prompt.args.safeParse(request.params.arguments ?? {});
    if (!parsed.success) {
      const detail = parsed.error.issues
        .map((i) => `${i.path.join(".") || "arguments"}: ${i.message}`)
        .join("; ");
      throw new McpError(ErrorCode.InvalidParams, `Invalid arguments for prompt ${prompt.name}: ${detail}`);
    }
    try {
      return await prompt.get(parsed.data, contextFor(extra.signal));
    } catch (err) {
      throw asProtocolError(err, `prompt ${prompt.name}`, scope);
    }
  });

  handle(server, CompleteRequestSchema, async (request, extra) => {
    const { ref, argument } = request.params;
    const completer =
      ref.type === "ref/resource"
        ? shared.resources.byTemplate(ref.uri)?.complete?.[argument.name]
        : ref.type === "ref/prompt"
          ? (shared.prompts.prompts.get(ref.name)?.complete as Record<string, Completer> | undefined)?.[
              argument.name
            ]
          : undefined;
    return { completion: await runCompleter(completer, argument.value, contextFor(extra.signal)) };
  });

  return server;
}

type RequestSchema = z.ZodObject<{ method: z.ZodLiteral<string> }>;
type Extra = Parameters<Parameters<Server["setRequestHandler"]>[1]>[1];

type Handler = Parameters<Server["setRequestHandler"]>[1];

/**
 * The SDK parses a request's params only once it has dispatched it, and a failed parse comes back
 * as -32603 "Internal error" carrying zod's raw issue list. Every handler is registered through
 * this override instead, the SDK's own included (initialize, ping, logging/setLevel: it registers
 * them from its constructor through this same method): the method is matched loosely, the params
 * checked here, and a malformed request gets -32602 naming the offending path. (Found by
 * test/reliability/fuzz.test.ts.)
 */
class ValidatingServer extends Server {
  override setRequestHandler(
    requestSchema: Parameters<Server["setRequestHandler"]>[0],
    handler: Handler,
  ): void {
    const schema = requestSchema as Partial<RequestSchema>;
    const method = schema.shape?.method;
    if (typeof schema.safeParse !== "function" || !method || typeof method.value !== "string") {
      super.setRequestHandler(requestSchema, handler);
      return;
    }
    const strict = schema as RequestSchema;
    super.setRequestHandler(looseFor(strict), (request, extra) => {
      const parsed = strict.safeParse(request);
      if (!parsed.success) {
        const detail = parsed.error.issues
          .slice(0, 5)
          .map((i) => `${i.path.join(".") || "params"}: ${i.message}`)
          .join("; ");
        throw new McpError(ErrorCode.InvalidParams, `Invalid params for ${method.value}: ${detail}`);
      }
      return handler(parsed.data as Parameters<Handler>[0], extra);
    });
  }
}

/** A handler typed from its request schema; params are validated by ValidatingServer. */
function handle<S extends RequestSchema>(
  server: Server,
  schema: S,
  handler: (request: z.output<S>, extra: Extra) => unknown,
): void {
  server.setRequestHandler(schema, handler as Handler);
}

// Built once per request schema, never per request: zod compiles a schema on its first parse, so a
// fresh schema per request paid that compilation on every call (the largest cost in a profile).
const looseSchemas = new WeakMap<RequestSchema, ReturnType<typeof looseOf>>();

function looseOf(schema: RequestSchema) {
  return z.looseObject({ method: schema.shape.method });
}

function looseFor(schema: RequestSchema) {
  let loose = looseSchemas.get(schema);
  if (!loose) {
    loose = looseOf(schema);
    looseSchemas.set(schema, loose);
  }
  return loose;
}

/** MCP's code for "no such resource". */
const RESOURCE_NOT_FOUND = -32002;

/**
 * A failed resource read or prompt as a JSON-RPC error. The caller's mistakes (a malformed id,
 * arguments DevRev refuses, an object that does not exist) are -32602 / -32002, not -32603
 * "Internal error": found by test/reliability/fuzz.test.ts, where a read of `devrev://works/{id}`
 * answered "internal error". Only failures of the server or of DevRev stay -32603.
 */
function asProtocolError(err: unknown, what: string, scope: RequestScope): McpError {
  if (err instanceof DevRevError && err.isAuthFailure) scope.onUpstreamAuthFailure?.(err);
  const mapped = mapToolError(err, what);
  if (mapped.type === "internal") scope.logger.error(`${what} failed`, { error: err });
  const code =
    mapped.type === "invalid_input" || mapped.type === "devrev_bad_request"
      ? ErrorCode.InvalidParams
      : mapped.type === "devrev_not_found"
        ? what.startsWith("resource ")
          ? RESOURCE_NOT_FOUND
          : ErrorCode.InvalidParams
        : mapped.type === "denied"
          ? ErrorCode.InvalidRequest
          : ErrorCode.InternalError;
  return new McpError(code, mapped.message);
}
