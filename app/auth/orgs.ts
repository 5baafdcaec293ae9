// The DevRev organisation allow-list (MCP_AUTH_ALLOWED_ORGS). A dev user's id names its dev org:
// `don:identity:dvrv-us-1:devo/1abc:devu/7` belongs to dev org `1abc` in region `dvrv-us-1`. The
// e-mail domain says little (anyone can have an allowed-domain address in another organisation);
// the org in the id is what DevRev itself vouched for when it accepted the PAT.

export interface AllowedOrg {
  /** The dev org id, e.g. `1abc` (the part after `devo/`). */
  org: string;
  /** Set when the entry was a full DON (`don:identity:<region>:devo/<id>`): the region must match too. */
  region?: string;
}

const ENTRY = /^(?:don:identity:([a-z0-9-]+):)?(?:devo\/)?([A-Za-z0-9]+)$/;
const DEV_USER_ORG = /^don:identity:([a-z0-9-]+):devo\/([A-Za-z0-9]+)(?::|$)/;

/** Parses one allow-list entry (`don:identity:dvrv-us-1:devo/0`, `devo/0` or `0`); undefined if malformed. */
export function parseAllowedOrg(entry: string): AllowedOrg | undefined {
  const m = ENTRY.exec(entry.trim());
  if (!m?.[2]) return undefined;
  return m[1] ? { org: m[2], region: m[1] } : { org: m[2] };
}

/** The dev org (and region) in a dev user's DON id, or undefined when the id has none. */
export function devOrgOf(userId: string | undefined): { org: string; region: string } | undefined {
  const m = userId ? DEV_USER_ORG.exec(userId) : null;
  return m?.[1] && m[2] ? { region: m[1], org: m[2] } : undefined;
}

/** Empty list = every organisation. */
export function orgAllowed(userId: string | undefined, allowed: readonly AllowedOrg[]): boolean {
  if (allowed.length === 0) return true;
  const own = devOrgOf(userId);
  if (!own) return false;
  return allowed.some((a) => a.org === own.org && (a.region === undefined || a.region === own.region));
}
