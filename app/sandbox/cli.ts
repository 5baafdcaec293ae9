// `devrev-mcp-server sandbox-api --port N [--host H]`: the sandbox on its own, for trying clients
// against a fake DevRev. Faults come from SANDBOX_FAULTS, read by the config parser (loadSandboxFaults).
import { parseArgs } from "node:util";
import { SANDBOX_PATS } from "./auth.js";
import { startSandbox } from "./index.js";

export async function runSandboxCli(argv: string[], faults: string | undefined): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string", default: "8099" },
      host: { type: "string", default: "127.0.0.1" },
      // Added to every answer, to stand in for DevRev's own latency (benchmarks, timeouts).
      "latency-ms": { type: "string", default: "0" },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port '${values.port}'`);
  const latencyMs = Number(values["latency-ms"]);
  if (!Number.isInteger(latencyMs) || latencyMs < 0) {
    throw new Error(`invalid --latency-ms '${values["latency-ms"]}'`);
  }
  const sandbox = await startSandbox({ host: values.host, port, faults, latencyMs });
  const lines = [
    `DevRev sandbox API listening on ${sandbox.url}`,
    `PATs: ${Object.entries(SANDBOX_PATS)
      .map(([pat, email]) => `${pat} (${email})`)
      .join(", ")}`,
    faults ? `Faults: ${faults}` : "Faults: none (set SANDBOX_FAULTS, e.g. 429:0.1,500:0.05)",
    ...(latencyMs ? [`Latency: ${latencyMs} ms added to every answer`] : []),
    "Test controls: GET /_sandbox/requests, GET /_sandbox/stats, POST /_sandbox/reset",
  ];
  process.stderr.write(`${lines.join("\n")}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      void sandbox.close().then(resolve);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
