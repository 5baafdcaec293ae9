// Entry point for `npm run synth` and for the cdktf CLI ("app" in cdktf.json).

import { synthesize } from "./app.js";
import { configWarnings, InfraConfigError } from "./config.js";

try {
  const started = Date.now();
  const { config, stackDir } = synthesize(process.env);
  for (const warning of configWarnings(config)) console.error(`WARNING: ${warning}`);
  console.error(`synthesized ${stackDir}/cdk.tf.json in ${Date.now() - started} ms`);
} catch (err) {
  if (!(err instanceof InfraConfigError)) throw err;
  console.error(err.message);
  process.exitCode = 1;
}
