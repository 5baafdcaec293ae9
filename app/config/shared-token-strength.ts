// The rule for MCP_AUTH_TOKEN, the one shared secret of static-token mode. Anyone who has it acts
// with the server's DevRev token, so it must be a random value, not something a person typed. The
// rule refuses what is obviously not random; `openssl rand -base64 32` (44 characters) or
// `openssl rand -hex 32` (64) pass it with certainty in practice.

export const MIN_SHARED_TOKEN_CHARS = 32;
const MIN_DISTINCT_CHARS = 10;
const MAX_STRAIGHT_RUN = 8;

export const GENERATE_HINT = "generate one with `openssl rand -base64 32`";

/** Why the token is weak, or undefined when it passes. */
export function sharedTokenWeakness(token: string): string | undefined {
  if (token.length < MIN_SHARED_TOKEN_CHARS)
    return `is ${token.length} characters; it must be at least ${MIN_SHARED_TOKEN_CHARS}`;
  if (new Set(token).size < MIN_DISTINCT_CHARS)
    return `uses only ${new Set(token).size} different characters; a random value uses at least ${MIN_DISTINCT_CHARS}`;
  const unit = /^(.+?)\1+$/s.exec(token)?.[1];
  if (unit) return `is a ${unit.length}-character piece repeated; it must not be a repeated pattern`;
  if (longestStraightRun(token) >= MAX_STRAIGHT_RUN)
    return `contains a run of ${MAX_STRAIGHT_RUN} or more consecutive characters (like 01234567 or abcdefgh)`;
  return undefined;
}

/** The longest run of characters whose codes go up (or down) by exactly one each step. */
function longestStraightRun(s: string): number {
  let best = 1;
  let run = 1;
  let step = 0;
  for (let i = 1; i < s.length; i++) {
    const d = s.charCodeAt(i) - s.charCodeAt(i - 1);
    if ((d === 1 || d === -1) && (run === 1 || d === step)) {
      run++;
      step = d;
    } else {
      run = d === 1 || d === -1 ? 2 : 1;
      step = d;
    }
    best = Math.max(best, run);
  }
  return best;
}
