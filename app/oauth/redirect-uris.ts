// Which redirect URIs a client may register. Web clients use https; native clients (Claude Code,
// VS Code, Cursor) use a loopback http URL or a private-use scheme (RFC 8252). A redirect is later
// matched exactly, character for character, against what was registered.

const MAX_URI_CHARS = 2_000;
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]", "localhost"]);
/** Schemes a browser would run or read locally instead of handing to an app. */
const DANGEROUS_SCHEMES = new Set([
  "javascript:",
  "data:",
  "vbscript:",
  "file:",
  "blob:",
  "about:",
  "ws:",
  "wss:",
]);

export function redirectUriProblem(uri: unknown): string | undefined {
  if (typeof uri !== "string" || uri.length === 0) return "a redirect URI must be a non-empty string";
  if (uri.length > MAX_URI_CHARS) return `a redirect URI must be at most ${MAX_URI_CHARS} characters`;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return `"${clip(uri)}" is not an absolute URI`;
  }
  if (url.hash || uri.includes("#")) return `"${clip(uri)}" must not contain a fragment (RFC 6749 §3.1.2)`;
  if (url.username || url.password) return `"${clip(uri)}" must not contain credentials`;
  if (url.protocol === "https:") return undefined;
  if (url.protocol === "http:") {
    return LOOPBACK_HOSTS.has(url.hostname)
      ? undefined
      : `"${clip(uri)}" uses http on a non-loopback host; use https (http is only for 127.0.0.1, [::1] or localhost)`;
  }
  if (DANGEROUS_SCHEMES.has(url.protocol)) return `the "${url.protocol}" scheme cannot be a redirect URI`;
  return undefined;
}

/** What a person is shown about where the code will go: the host, or the app's scheme. */
export function redirectLabel(uri: string): string {
  const url = new URL(uri);
  return url.protocol === "https:" || url.protocol === "http:"
    ? url.host
    : `${url.protocol}// (an app on this device)`;
}

/** The CSP form-action source that lets the consent form's redirect reach the client. */
export function formActionSource(uri: string): string {
  const url = new URL(uri);
  return url.protocol === "https:" || url.protocol === "http:" ? url.origin : url.protocol;
}

function clip(s: string): string {
  return s.replace(/[^\x20-\x7e]/g, "?").slice(0, 120);
}
