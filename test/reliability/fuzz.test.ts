import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/mcp-server.js";
import { MCP_HEADERS, messagesOf, type RawReply, rawPost } from "./support.js";

// Property-based abuse of the HTTP edge and the MCP layer: random JSON-RPC bodies, headers and tool
// arguments (wrong types, huge strings, deep nesting, unicode, prototype-pollution keys). Whatever
// arrives, the server answers with a JSON-RPC error, an isError result or a 4xx JSON error; never a
// 5xx, never a crash, never a polluted prototype. FUZZ_SEED=<n> replays a run; FUZZ_SEED=random
// explores new inputs.

const SEED = process.env.FUZZ_SEED === "random" ? Date.now() : Number(process.env.FUZZ_SEED ?? 20261124);
const RUNS = Number(process.env.FUZZ_RUNS ?? 1);
const params = (numRuns: number) => ({ numRuns: Math.round(numRuns * RUNS), seed: SEED, endOnFailure: true });

let server: TestServer;
let mcpPath: string;
const prototypes = [Object.prototype, Array.prototype, Function.prototype, String.prototype];
const before = prototypes.map((p) => Object.getOwnPropertyNames(p).sort());

beforeAll(async () => {
  server = await startTestServer({
    MCP_RATE_LIMIT_RPM: "0",
    MCP_RATE_LIMIT_UNAUTHENTICATED_RPM: "0",
    MCP_LOG_LEVEL: "error",
  });
  mcpPath = new URL(server.url).pathname;
});
afterAll(() => server?.close());

// ---------------------------------------------------------------------------------------------
// Arbitraries

const PROTO_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf"];
const protoKey = fc.constantFrom(...PROTO_KEYS);
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "me",
    "TKT-1",
    "ISS-1",
    "PROD-1",
    "don:core:x",
    "\u202e\u200b<script>",
    "🦄🦄",
    "\ud800",
  ),
);
// Long strings that still fit the 1 MB body limit; a String object serialises to JSON as the
// string itself and prints as its length when a run fails.
const huge = fc
  .constantFrom(100_000, 400_000)
  .map((n) => Object.assign(new String("x".repeat(n)), { [fc.toStringMethod]: () => `"x".repeat(${n})` }));
const leaf = fc.oneof(
  { weight: 5, arbitrary: text },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom(-1, 0, 101, 2 ** 53, -(2 ** 31), 1e308) },
);
const key = fc.oneof({ weight: 3, arbitrary: text }, { weight: 1, arbitrary: protoKey });

const { value: jsonish } = fc.letrec<{ value: unknown; arr: unknown[]; obj: Record<string, unknown> }>(
  (tie) => ({
    value: fc.oneof({ depthSize: "small" }, leaf, tie("arr"), tie("obj")),
    arr: fc.array(tie("value"), { maxLength: 4 }),
    obj: fc.dictionary(key, tie("value"), { maxKeys: 5 }),
  }),
);

/** Objects that may carry prototype-pollution payloads as own keys, as JSON.parse would produce. */
const pollutingObject = fc
  .tuple(
    fc.dictionary(text, jsonish, { maxKeys: 4 }),
    fc.array(protoKey, { maxLength: 2 }),
    // Where the payload sits: top level, or nested under ordinary keys (where a deep merge finds it).
    fc.array(fc.constantFrom("filter", "stage", "owned_by", "a"), { maxLength: 2 }),
  )
  .map(([base, keys, path]) => {
    const out: Record<string, unknown> = { ...base };
    let at = out;
    for (const p of path) {
      const inner: Record<string, unknown> = {};
      at[p] = inner;
      at = inner;
    }
    for (const k of keys) {
      Object.defineProperty(at, k, {
        value: k === "constructor" ? { prototype: { polluted: "yes" } } : { polluted: "yes" },
        enumerable: true,
        configurable: true,
        writable: true,
      });
    }
    return out;
  });

/** `depth` levels of nesting, as JSON text (too deep to build as objects cheaply). */
const deepJson = fc
  .tuple(fc.integer({ min: 50, max: 20_000 }), fc.boolean())
  .map(([depth, arrays]) =>
    arrays ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth),
  );

const METHODS = [
  "initialize",
  "ping",
  "tools/list",
  "tools/call",
  "resources/list",
  "resources/templates/list",
  "resources/read",
  "prompts/list",
  "prompts/get",
  "completion/complete",
  "logging/setLevel",
  "notifications/initialized",
  "notifications/cancelled",
];
const TOOLS = [
  "devrev_works_list",
  "devrev_works_get",
  "devrev_works_create",
  "devrev_works_update",
  "devrev_whoami",
  "devrev_find_tools",
];

const TEMPLATES = [
  "devrev://works/{id}",
  "devrev://users/{id}",
  "devrev://accounts/{id}",
  "devrev://rev-orgs/{id}",
  "devrev://articles/{id}",
  "devrev://conversations/{id}",
  "devrev://parts/{id}",
];
const BAD_ESCAPES = ["%", "%ZZ", "TKT-%E0%A4%A", "%C0%AF", "%ED%A0%80", "100%", "%00", "%25"];

const toolParams = fc.record({
  name: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...TOOLS) }, { weight: 1, arbitrary: text }),
  arguments: fc.oneof(pollutingObject, jsonish),
});
const rpcParams = fc.oneof(
  toolParams,
  fc.record({
    uri: fc.oneof(text, fc.constantFrom("devrev://me", "devrev://works/TKT-1", "devrev://works/{id}")),
  }),
  fc.record({ name: text, arguments: fc.oneof(pollutingObject, jsonish) }),
  fc.record({ ref: jsonish, argument: jsonish }),
  // Completion of a real template's variable, named by the client: prototype keys included.
  fc.record({
    ref: fc.record({ type: fc.constant("ref/resource"), uri: fc.constantFrom(...TEMPLATES) }),
    argument: fc.record({ name: fc.oneof(protoKey, text, fc.constant("id")), value: text }),
  }),
  // A template's URI with a malformed or odd %-escape.
  fc.record({
    uri: fc
      .tuple(fc.constantFrom(...TEMPLATES), fc.constantFrom(...BAD_ESCAPES))
      .map(([t, e]) => t.replace("{id}", e)),
  }),
  pollutingObject,
  jsonish,
);
const rpcBase = fc.record(
  {
    jsonrpc: fc.oneof({ weight: 8, arbitrary: fc.constant("2.0") }, { weight: 1, arbitrary: jsonish }),
    id: fc.oneof({ weight: 4, arbitrary: fc.integer() }, text, fc.constant(null), jsonish),
    method: fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...METHODS) },
      { weight: 1, arbitrary: jsonish },
    ),
    params: rpcParams,
  },
  { requiredKeys: ["jsonrpc", "method"] },
);
// Mostly well-formed envelopes, so the fuzz reaches the handlers; some with pollution keys on top.
const rpcObject = fc.oneof(
  { weight: 3, arbitrary: rpcBase.map((o) => o as object) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(rpcBase, pollutingObject)
      .map(([o, extra]) => Object.assign(Object.create(null), extra, o) as object),
  },
);

/** Text that prints as `label` in a failure report (a megabyte of "x" helps nobody). */
const labelled = (text: string, label: string) =>
  Object.assign(new String(text), { [fc.toStringMethod]: () => label });

const body = fc.oneof(
  { weight: 6, arbitrary: rpcObject.map((o) => JSON.stringify(o)) },
  { weight: 1, arbitrary: fc.array(rpcObject, { minLength: 0, maxLength: 3 }).map((a) => JSON.stringify(a)) },
  { weight: 1, arbitrary: jsonish.map((v) => JSON.stringify(v) ?? "null") },
  { weight: 1, arbitrary: deepJson },
  // Deep nesting where handlers look: in a tool's arguments, in params, in a resource URI's place.
  {
    weight: 2,
    arbitrary: fc
      .tuple(deepJson, fc.constantFrom(...TOOLS), fc.constantFrom("arguments", "params", "uri"))
      .map(([deep, tool, where]) =>
        labelled(
          where === "arguments"
            ? `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"${tool}","arguments":{"stage":${deep},"id":${deep}}}}`
            : where === "params"
              ? `{"jsonrpc":"2.0","id":1,"method":"tools/list","params":${deep}}`
              : `{"jsonrpc":"2.0","id":1,"method":"resources/read","params":{"uri":${deep}}}`,
          `${where} nested ${deep.length / 2} levels (${tool})`,
        ),
      ),
  },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 200 }) },
  {
    weight: 1,
    arbitrary: huge.map((h) =>
      labelled(
        JSON.stringify({
          jsonrpc: "2.0",
          id: 1,
          method: "tools/call",
          params: { name: "devrev_works_list", arguments: { stage: [h] } },
        }),
        `tools/call with stage [${fc.stringify(h)}]`,
      ),
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom("", "{", "null", "[]", '{"jsonrpc":"2.0"}', "\u0000") },
  // Over MCP_MAX_BODY_BYTES (1 MB): refused with 413.
  { weight: 1, arbitrary: fc.constant(labelled(`"${"x".repeat(1_100_000)}"`, "a 1.1 MB JSON string")) },
);

// Header values node:http will send: visible latin-1 and tabs (a CR or LF could never reach a server).
const headerValue = fc.string({
  unit: fc.oneof(
    fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    fc.integer({ min: 0xa0, max: 0xff }).map((c) => String.fromCharCode(c)),
    fc.constant("\t"),
  ),
  maxLength: 60,
});
const headerChoices = {
  accept: fc.oneof(
    headerValue,
    fc.constantFrom(MCP_HEADERS.accept, "application/json", "text/event-stream", "*/*"),
  ),
  "content-type": fc.oneof(
    headerValue,
    fc.constantFrom(
      "application/json",
      "application/json; charset=latin1",
      "text/plain",
      "application/x-www-form-urlencoded",
    ),
  ),
  authorization: fc.oneof(
    fc.constantFrom(
      "Bearer sandbox-alice",
      "Bearer sandbox-eve",
      "Bearer ",
      "Basic abc",
      "Bearer sandbox-alice extra",
    ),
    headerValue.map((v) => `Bearer ${v}`),
    headerValue,
  ),
  "x-mcp-toolsets": fc.oneof(headerValue, fc.constantFrom("works", "all", "default,works", "nope", " , ,")),
  "x-mcp-readonly": fc.oneof(headerValue, fc.constantFrom("true", "false", "1", "maybe")),
  "mcp-protocol-version": fc.oneof(headerValue, fc.constantFrom("2025-06-18", "2025-03-26", "1999-01-01")),
  origin: fc.oneof(headerValue, fc.constantFrom("http://localhost:3000", "https://evil.example", "null")),
  "content-encoding": fc.constantFrom("gzip", "deflate", "br", "identity", "zstd", "x"),
  traceparent: headerValue,
  "x-cloud-trace-context": headerValue,
  "mcp-session-id": headerValue,
  "last-event-id": headerValue,
};
// Valid headers with one to three of them replaced, so each oddity is met on its own.
const headers = fc.record(headerChoices).chain((wild) =>
  fc.subarray(Object.keys(wild), { minLength: 1, maxLength: 3 }).map((keys) => ({
    ...MCP_HEADERS,
    authorization: "Bearer sandbox-alice",
    ...Object.fromEntries(keys.map((k) => [k, (wild as Record<string, string>)[k] ?? ""])),
  })),
);
const path = fc.oneof(
  { weight: 4, arbitrary: fc.constant("/mcp") },
  {
    weight: 1,
    arbitrary: fc.constantFrom("/mcp/readonly", "/mcp/x/works", "/mcp/x/works/readonly", "/mcp/ReadOnly/"),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map((t) => `/mcp/x/${encodeURIComponent(t)}`) },
  // Malformed percent-encoding: the router must refuse it, not throw.
  {
    weight: 1,
    arbitrary: fc.constantFrom("/mcp/x/%ZZ", "/mcp/x/%E0%A4%A", "/mcp/x/%00", "/mcp/%2e%2e/health"),
  },
);

// ---------------------------------------------------------------------------------------------
// What every answer must be

function expectSane(reply: RawReply): void {
  expect(reply.status, reply.body.slice(0, 300)).toBeLessThan(500);
  expect(reply.body).not.toMatch(/<html|\bat [\w.<>]+ \(.*:\d+:\d+\)|node_modules/i);
  if (reply.status === 202 || (reply.status === 200 && reply.body === "")) return;
  const messages = messagesOf(reply);
  expect(messages.length, reply.body.slice(0, 300)).toBeGreaterThan(0);
  for (const m of messages) {
    expect(m.jsonrpc).toBe("2.0");
    if (reply.status >= 400) expect(m.error, reply.body.slice(0, 300)).toBeDefined();
    if (m.error !== undefined) {
      const e = m.error as { code: unknown; message: unknown };
      expect(typeof e.code).toBe("number");
      expect(typeof e.message).toBe("string");
      // A request the server cannot use is the caller's error (-326xx, -32000), never "internal".
      expect(e.code, String(e.message)).not.toBe(-32603);
    } else if ("id" in m) {
      expect(m.result, reply.body.slice(0, 300)).toBeDefined();
    }
  }
}

const post = (p: string, b: string, h: Record<string, string>) =>
  rawPost(`${server.origin}${p}`, b, h, 20_000);

// ---------------------------------------------------------------------------------------------

describe("fuzzing the MCP endpoint", () => {
  it("answers any JSON-RPC body with a JSON-RPC answer, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        expectSane(await post(mcpPath, String(b), { ...MCP_HEADERS, authorization: "Bearer sandbox-alice" }));
      }),
      params(150),
    );
  });

  it("answers any headers and paths with a JSON answer, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(headers, path, rpcObject, async (h, p, o) => {
        expectSane(await post(p, JSON.stringify(o), h));
      }),
      params(150),
    );
  });

  it("answers any tool arguments with a result or an isError result, never a protocol failure", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...TOOLS),
        fc.oneof(
          pollutingObject,
          jsonish,
          huge.map((h) => ({ id: h, title: h })),
        ),
        async (name, args) => {
          const reply = await post(
            mcpPath,
            JSON.stringify({
              jsonrpc: "2.0",
              id: 7,
              method: "tools/call",
              params: { name, arguments: args },
            }),
            { ...MCP_HEADERS, authorization: "Bearer sandbox-alice" },
          );
          expectSane(reply);
          expect(reply.status).toBe(200);
          const [m] = messagesOf(reply);
          if (m?.error) {
            // Arguments that are not an object at all are refused as invalid params, nothing else.
            expect((m.error as { code: number }).code).toBe(-32602);
          } else {
            const result = m?.result as {
              content?: Array<{ type: string; text: string }>;
              isError?: boolean;
            };
            expect(result.content?.[0]?.type).toBe("text");
            if (result.isError) expect(result.content?.[0]?.text).not.toMatch(/internal error/i);
          }
        },
      ),
      params(150),
    );
  });

  it("answers completion of a prototype key and a malformed %-escape with -32602 saying what to fix", async () => {
    const rpc = async (method: string, params: unknown) => {
      const reply = await post(mcpPath, JSON.stringify({ jsonrpc: "2.0", id: 9, method, params }), {
        ...MCP_HEADERS,
        authorization: "Bearer sandbox-alice",
      });
      expectSane(reply);
      return messagesOf(reply)[0]?.error as { code: number; message: string } | undefined;
    };
    for (const name of ["__proto__", "constructor", "toString", "hasOwnProperty", "nope"]) {
      const error = await rpc("completion/complete", {
        ref: { type: "ref/resource", uri: "devrev://works/{id}" },
        argument: { name, value: "T" },
      });
      expect(error?.code, name).toBe(-32602);
      expect(error?.message).toContain(`devrev://works/{id} has no variable "${name}"; complete one of: id.`);
    }
    // The real variable still completes.
    const ok = await post(
      mcpPath,
      JSON.stringify({
        jsonrpc: "2.0",
        id: 10,
        method: "completion/complete",
        params: {
          ref: { type: "ref/resource", uri: "devrev://accounts/{id}" },
          argument: { name: "id", value: "ACC" },
        },
      }),
      { ...MCP_HEADERS, authorization: "Bearer sandbox-alice" },
    );
    const values = (messagesOf(ok)[0]?.result as { completion?: { values: string[] } })?.completion?.values;
    expect(values).toContain("ACC-1");
    for (const uri of ["devrev://works/%E0%A4%A", "devrev://works/TKT-%ZZ", "devrev://accounts/100%"]) {
      const error = await rpc("resources/read", { uri });
      expect(error?.code, uri).toBe(-32602);
      expect(error?.message).toMatch(/has a malformed %-escape .*Percent-encode a literal "%" as %25/);
    }
  });

  it("still answers afterwards, with no prototype polluted", async () => {
    const ping = await post(mcpPath, JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" }), {
      ...MCP_HEADERS,
      authorization: "Bearer sandbox-alice",
    });
    expect(ping.status).toBe(200);
    expect(messagesOf(ping)[0]).toMatchObject({ id: 1, result: {} });
    expect((await fetch(`${server.origin}/health`)).status).toBe(200);
    expect(prototypes.map((p) => Object.getOwnPropertyNames(p).sort())).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Every request the tools made upstream was still a valid DevRev request.
    expect(server.sandbox.violations()).toEqual([]);
    // Nothing the server logged was an unhandled failure of its own.
    const crashes = server
      .logRecords()
      .filter((r) => /unhandled|tool handler failed/.test(String(r.message)));
    expect(crashes).toEqual([]);
  });
});
