import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A client's redirect endpoint on 127.0.0.1: records what the authorization server sent back. */
export async function startCallbackServer(): Promise<{
  url: string;
  received: URL[];
  next(): Promise<URL>;
  close(): Promise<void>;
}> {
  const received: URL[] = [];
  const waiters: Array<(u: URL) => void> = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname === "/callback") {
      const waiter = waiters.shift();
      if (waiter) waiter(url);
      else received.push(url);
    }
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.end(
      "<!doctype html><title>Client</title><h1>Back in the app</h1><p>The app received its answer.</p>",
    );
  });
  server.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/callback`,
    received,
    next: () => {
      const seen = received.shift();
      return seen ? Promise.resolve(seen) : new Promise((r) => waiters.push(r));
    },
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
