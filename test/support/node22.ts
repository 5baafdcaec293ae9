import { existsSync } from "node:fs";
import { join } from "node:path";

const RUNTIME = join(process.cwd(), "test", "conformance", "runtime");

export function node22Path(): string {
  return join(RUNTIME, "node_modules", ".bin", "node");
}

export function node22Installed(): boolean {
  return existsSync(node22Path());
}

export const NODE22_RUNTIME_DIR = RUNTIME;
