// Types for scripts/devrev-spec-source.mjs, so TypeScript tests can import it directly.
export const repoRoot: string;
export const cacheDir: string;
export function specPath(flavour: "public" | "beta"): Promise<string>;
export function readSpecText(path: string): string;
