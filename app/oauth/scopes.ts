// Two scopes. Read serves the read-only surface and is what consent grants unless the person ticks
// "also allow changes"; write lifts the read-only narrowing (destructive tools still need the
// operator's MCP_ENABLE_DESTRUCTIVE_TOOLS). Neither can widen what the server itself allows.

export const READ_SCOPE = "devrev:read";
export const WRITE_SCOPE = "devrev:write";
export const SCOPES_SUPPORTED = [READ_SCOPE, WRITE_SCOPE] as const;

/**
 * The scopes of this server that a request names. Others (e.g. `openid`, which some clients add
 * out of habit) are dropped rather than refused: the grant is what consent says, never more.
 * No scope at all means "whatever the person consents to", which starts at read.
 */
export function requestedScopes(raw: unknown): string[] {
  if (typeof raw !== "string" || raw.trim() === "") return [...SCOPES_SUPPORTED];
  const asked = new Set(raw.slice(0, 1_000).split(/\s+/));
  const known = SCOPES_SUPPORTED.filter((s) => asked.has(s));
  // write implies read: a token that may change things may also look at them.
  return known.includes(WRITE_SCOPE) ? [...SCOPES_SUPPORTED] : known;
}

/** What consent grants: read always, write only when offered (asked for) and ticked. */
export function grantedScopes(offered: readonly string[], allowWrite: boolean): string[] {
  return allowWrite && offered.includes(WRITE_SCOPE) ? [READ_SCOPE, WRITE_SCOPE] : [READ_SCOPE];
}

/** The narrowing a grant adds to the surface of every request made with it. */
export function narrowingFor(scopes: readonly string[]): { readOnly: boolean } {
  return { readOnly: !scopes.includes(WRITE_SCOPE) };
}

/** A refresh may ask for fewer scopes than granted, never more. */
export function narrowScopes(granted: readonly string[], raw: unknown): string[] | undefined {
  if (typeof raw !== "string" || raw.trim() === "") return [...granted];
  const asked = raw.split(/\s+/).filter(Boolean);
  if (asked.some((s) => !granted.includes(s))) return undefined;
  return asked.includes(WRITE_SCOPE) ? [READ_SCOPE, WRITE_SCOPE] : [READ_SCOPE];
}
