import { createHash, randomBytes } from "node:crypto";

// Helpers for the OAuth door's tests: keys, PKCE, and the consent form walked over plain HTTP
// (the browser tests walk the same pages in Chromium).

export const TEST_KEY = Buffer.alloc(32, 7).toString("base64url");
export const OLD_KEY = Buffer.alloc(32, 9).toString("base64url");

export function oauthEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { MCP_OAUTH_KEYS: TEST_KEY, ...extra };
}

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

export const REDIRECT = "http://127.0.0.1:9/callback";

export async function registerClient(
  origin: string,
  body: Record<string, unknown> = { client_name: "Test Client", redirect_uris: [REDIRECT] },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${origin}/oauth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export function authorizeUrl(origin: string, params: Record<string, string>): string {
  const url = new URL("/oauth/authorize", origin);
  for (const [k, v] of Object.entries({ response_type: "code", code_challenge_method: "S256", ...params })) {
    url.searchParams.set(k, v);
  }
  return url.href;
}

export function hiddenField(html: string, name: string): string | undefined {
  const m = html.match(new RegExp(`name="${name}" value="([^"]*)"`));
  return m?.[1]?.replace(/&#(\d+);/g, (_s, d) => String.fromCharCode(Number(d)));
}

export interface FormWalk {
  status: number;
  html: string;
  location?: string;
  cookie?: string;
}

/** GET the consent page, keeping its CSRF cookie. */
export async function openConsent(url: string): Promise<FormWalk> {
  const res = await fetch(url, { redirect: "manual" });
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  return { status: res.status, html: await res.text(), ...(cookie ? { cookie } : {}), ...location(res) };
}

export async function postConsent(
  origin: string,
  fields: Record<string, string>,
  cookie: string | undefined,
  headers: Record<string, string> = {},
): Promise<FormWalk> {
  const res = await fetch(`${origin}/oauth/authorize`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin,
      ...(cookie ? { cookie } : {}),
      ...headers,
    },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, html: await res.text(), ...location(res) };
}

function location(res: Response): { location?: string } {
  const l = res.headers.get("location");
  return l ? { location: l } : {};
}

/** The whole consent walk without a browser; returns the redirect back to the client. */
export async function consent(
  origin: string,
  url: string,
  pat: string,
  options: { write?: boolean } = {},
): Promise<URL> {
  const page = await openConsent(url);
  if (page.status !== 200)
    throw new Error(`consent page answered ${page.status}: ${page.html.slice(0, 300)}`);
  const txn = hiddenField(page.html, "txn");
  if (!txn) throw new Error("no txn on the consent page");
  const checked = await postConsent(
    origin,
    { txn, step: "check", pat, ...(options.write ? { write: "on" } : {}) },
    page.cookie,
  );
  const approval = hiddenField(checked.html, "approval");
  if (!approval) throw new Error(`PAT refused on the consent page: ${checked.html.slice(0, 500)}`);
  const allowed = await postConsent(origin, { approval, step: "allow" }, page.cookie);
  if (allowed.status !== 303 || !allowed.location) throw new Error(`allow answered ${allowed.status}`);
  return new URL(allowed.location);
}

export async function token(origin: string, fields: Record<string, string>) {
  const res = await fetch(`${origin}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}
