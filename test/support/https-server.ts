import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * An https server on 127.0.0.1 with a throwaway self-signed certificate (openssl), serving fixed
 * JSON documents: where a test publishes a Client ID Metadata Document.
 */
export async function startHttpsDocs(docs: (origin: string) => Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), "oauth-cert-"));
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout",
      join(dir, "key.pem"),
      "-out",
      join(dir, "cert.pem"),
      "-days",
      "2",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
    ],
    { stdio: "ignore" },
  );
  const cert = readFileSync(join(dir, "cert.pem"), "utf8");
  const key = readFileSync(join(dir, "key.pem"), "utf8");
  rmSync(dir, { recursive: true, force: true });
  let served: Record<string, unknown> = {};
  const hits: string[] = [];
  const server = createServer({ cert, key }, (req, res) => {
    hits.push(req.url ?? "");
    const doc = served[req.url ?? ""];
    if (doc === undefined) {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(doc));
  });
  server.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  served = docs(origin);
  return {
    origin,
    ca: cert,
    hits,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
