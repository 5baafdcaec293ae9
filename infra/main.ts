// Entry point for `npm run synth` and for the cdktf CLI ("app" in cdktf.json).

import { synthesize } from "./app.js";
import { InfraConfigError } from "./config.js";

try {
  const started = Date.now();
  const { stackDir } = synthesize(process.env);
  console.error(`synthesized ${stackDir}/cdk.tf.json in ${Date.now() - started} ms`);
} catch (err) {
  if (!(err instanceof InfraConfigError)) throw err;
  console.error(err.message);
  process.exitCode = 1;
}
