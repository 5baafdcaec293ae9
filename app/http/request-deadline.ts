import type { ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import { JsonRpcCode } from "./json-rpc-error.js";
import { requestState } from "./request-state.js";

// MCP_REQUEST_TIMEOUT_MS, enforced at the HTTP level so it holds for any MCP transport behind it.
// At the deadline every request id of the POST that has no answer yet gets a JSON-RPC error, in
// the framing the caller is already reading:
//   - the response head went out as text/event-stream: one SSE `event: message` frame per id;
//   - nothing went out yet (the usual case; the head is held until the first byte): HTTP 504 with
//     the JSON-RPC error (an array of them for a batch), which JSON and SSE clients both read.
// Then the request's abort signal fires, so its DevRev calls stop and no retry leaves after the
// answer. The same signal fires when the caller goes away first.

type Id = string | number;

interface Tracker {
  /** Request ids in the POST body, in order. */
  ids: Id[];
  /** Ids whose answer has gone out in an SSE frame (see `unread`). */
  answered: Set<Id>;
  /**
   * The data of SSE frames written but not parsed yet: read only if the deadline comes, so a
   * request that ends in time never parses its own answer back (that was 5% of a call's CPU).
   */
  unread: string[];
  unreadChars: number;
  /** The content type of the head that really went out, if any. */
  sentType: string | undefined;
  /** Set once the deadline answered: whatever the transport writes later is dropped. */
  finished: boolean;
  /** Unparsed tail of the SSE text written so far. */
  pending: string;
}

export function requestDeadline(ms: number): RequestHandler {
  return (req, res, next) => {
    const state = requestState(req);
    const controller = new AbortController();
    state.signal = controller.signal;
    const tracker: Tracker = {
      ids: requestIds(req.body),
      answered: new Set(),
      unread: [],
      unreadChars: 0,
      sentType: undefined,
      finished: false,
      pending: "",
    };
    const raw = intercept(res, tracker);

    const timer = setTimeout(() => {
      readFrames(tracker);
      state.logger.warn("request deadline exceeded", {
        deadline_ms: ms,
        unanswered: tracker.ids.filter((id) => !tracker.answered.has(id)).length,
      });
      answerAtDeadline(res, raw, tracker, ms);
      controller.abort(new DOMException(`request deadline of ${ms} ms exceeded`, "TimeoutError"));
    }, ms);
    res.on("close", () => {
      clearTimeout(timer);
      // The caller went away (or the deadline answered): nothing will read what is still running.
      if (!controller.signal.aborted && !res.writableFinished)
        controller.abort(new DOMException("the client closed the connection", "AbortError"));
    });
    next();
  };
}

interface RawWriters {
  writeHead: ServerResponse["writeHead"];
  write: (chunk: unknown) => boolean;
  end: (chunk?: unknown) => ServerResponse;
}

/**
 * Sits under everything installed later (the held-back head, the MCP transport): it sees the bytes
 * that really go out, records which ids were answered, and drops writes once the deadline answered.
 */
function intercept(res: ServerResponse, t: Tracker): RawWriters {
  const raw: RawWriters = {
    writeHead: res.writeHead.bind(res),
    write: res.write.bind(res) as RawWriters["write"],
    end: res.end.bind(res) as RawWriters["end"],
  };
  res.writeHead = ((...args: Parameters<ServerResponse["writeHead"]>) => {
    if (t.finished) return res;
    t.sentType = contentTypeOf(args, res);
    return raw.writeHead(...args);
  }) as ServerResponse["writeHead"];
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (t.finished) return true;
    observe(t, chunk);
    return (raw.write as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as ServerResponse["write"];
  // What goes out with end() needs no bookkeeping: once ended, the deadline has nothing to answer.
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (t.finished) return res;
    return (raw.end as (...a: unknown[]) => ServerResponse)(chunk, ...rest);
  }) as ServerResponse["end"];
  return raw;
}

function answerAtDeadline(res: ServerResponse, raw: RawWriters, t: Tracker, ms: number): void {
  if (res.writableEnded || res.destroyed) return;
  const unanswered = t.ids.filter((id) => !t.answered.has(id));
  t.finished = true;
  if (res.headersSent) {
    if (t.sentType?.includes("text/event-stream")) {
      for (const id of unanswered)
        raw.write(`event: message\ndata: ${JSON.stringify(timeoutError(id, ms))}\n\n`);
    }
    // A JSON body already under way cannot take more; ending it is all that is left.
    raw.end();
    return;
  }
  const errors = unanswered.map((id) => timeoutError(id, ms));
  const body = JSON.stringify(
    errors.length === 1 ? errors[0] : errors.length ? errors : timeoutError(null, ms),
  );
  for (const name of res.getHeaderNames()) if (name.startsWith("content-")) res.removeHeader(name);
  raw.writeHead(504, {
    "Content-Type": "application/json",
    "Content-Length": String(Buffer.byteLength(body)),
  });
  raw.end(body);
}

function timeoutError(id: Id | null, ms: number) {
  return {
    jsonrpc: "2.0",
    id,
    error: {
      code: JsonRpcCode.RequestTimeout,
      message: `The request took longer than ${ms / 1000} s (MCP_REQUEST_TIMEOUT_MS) and was stopped; its DevRev calls were cancelled. Narrow it and retry. A change may already have been applied: check before repeating a write.`,
      data: { reason: "deadline_exceeded", deadline_ms: ms },
    },
  };
}

/** The ids of the JSON-RPC requests (not notifications or responses) in a parsed body. */
function requestIds(body: unknown): Id[] {
  const messages = Array.isArray(body) ? body : [body];
  const ids: Id[] = [];
  for (const m of messages) {
    if (!m || typeof m !== "object") continue;
    const { id, method } = m as { id?: unknown; method?: unknown };
    if (typeof method === "string" && (typeof id === "string" || typeof id === "number")) ids.push(id);
  }
  return ids;
}

/** Frames of the SSE text going out are kept whole (their data), to be read at the deadline. */
const UNREAD_MAX_CHARS = 1_000_000;

function observe(t: Tracker, chunk: unknown): void {
  if (!t.sentType?.includes("text/event-stream") || t.ids.length === 0) return;
  const text =
    typeof chunk === "string"
      ? chunk
      : chunk instanceof Uint8Array
        ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString("utf8")
        : "";
  t.pending += text;
  const events = t.pending.split(/\r?\n\r?\n/);
  t.pending = events.pop() ?? "";
  for (const event of events) {
    const data = event
      .split(/\r?\n/)
      .filter((l) => l.startsWith("data:"))
      .map((l) => l.slice(5).trimStart())
      .join("\n");
    if (!data) continue;
    t.unread.push(data);
    t.unreadChars += data.length;
  }
  // A long stream is read as it goes, so what is kept stays bounded.
  if (t.unreadChars > UNREAD_MAX_CHARS) readFrames(t);
}

/** Notes the id of every response among the frames not read yet. */
function readFrames(t: Tracker): void {
  for (const data of t.unread) {
    try {
      const msg = JSON.parse(data) as { id?: Id; result?: unknown; error?: unknown };
      if (msg.id !== undefined && (msg.result !== undefined || msg.error !== undefined))
        t.answered.add(msg.id);
    } catch {
      // Not JSON: not an answer.
    }
  }
  t.unread = [];
  t.unreadChars = 0;
}

function contentTypeOf(
  args: Parameters<ServerResponse["writeHead"]>,
  res: ServerResponse,
): string | undefined {
  for (const a of args.slice(1)) {
    if (a && typeof a === "object" && !Array.isArray(a)) {
      for (const [k, v] of Object.entries(a)) if (k.toLowerCase() === "content-type") return String(v);
    }
  }
  const set = res.getHeader("content-type");
  return set === undefined ? undefined : String(set);
}
