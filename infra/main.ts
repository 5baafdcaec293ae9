// Entry point of the cdktf CLI ("app" in cdktf.json): `npm run synth`, `npm run deploy`, … run
// `cdktf`, which runs this. The result line goes to stdout (cdktf shows the app's stderr as errors).

import { synthesize } from "./app.js";
import { configWarnings, InfraConfigError } from "./config.js";

try {
  const started = Date.now();
  const { config, stackDir } = synthesize(process.env);
  for (const warning of configWarnings(config)) console.error(`WARNING: ${warning}`);
  const state = config.stateBucket
    ? `state in gs://${config.stateBucket}`
    : "LOCAL state (DEPLOY_LOCAL_STATE)";
  console.log(
    `synthesized ${stackDir}/cdk.tf.json for environment ${config.environment} (${state}) in ${Date.now() - started} ms`,
  );
} catch (err) {
  if (!(err instanceof InfraConfigError)) throw err;
  console.error(err.message);
  process.exitCode = 1;
}
