import { createHash } from "node:crypto";
import type { Response } from "express";
import { formActionSource, redirectLabel } from "./redirect-uris.js";
import { WRITE_SCOPE } from "./scopes.js";

// The consent page: server-rendered HTML that works without JavaScript (there is none), under a
// CSP that allows only its own inline stylesheet (by hash) and form posts to itself and, for the
// final redirect, to the client. It cannot be framed, is cached nowhere, and sends a referrer only
// to itself (the redirect that follows carries the authorization code).

export const PAT_HELP_URL = "https://developer.devrev.ai/about/authentication";
export const DEVREV_APP_URL = "https://app.devrev.ai/";

const STYLE = `
:root{color-scheme:light dark;--fg:#1b1d21;--bg:#f6f7f9;--card:#fff;--muted:#5b616e;--line:#d5d9e0;--accent:#2451d6;--bad:#b3261e;--badbg:#fdecea;--ok:#1f6f43}
@media (prefers-color-scheme:dark){:root{--fg:#e8eaed;--bg:#15171a;--card:#1f2226;--muted:#a5abb6;--line:#3a3f47;--accent:#8ab0ff;--bad:#ffb4ab;--badbg:#3b1d1b;--ok:#7fd6a4}}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:34rem;margin:0 auto;padding:1.5rem 1rem 3rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:1.25rem 1.25rem 1.5rem}
h1{font-size:1.35rem;line-height:1.3;margin:0 0 .75rem}
h2{font-size:1rem;margin:1.25rem 0 .4rem}
p,ul{margin:.5rem 0}
ul{padding-left:1.25rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem .9rem;margin:.75rem 0}
dt{color:var(--muted)}
dd{margin:0;overflow-wrap:anywhere}
label{display:block;font-weight:600;margin:1rem 0 .35rem}
input[type=password]{width:100%;font:inherit;padding:.65rem .75rem;border:1px solid var(--line);border-radius:8px;background:var(--bg);color:var(--fg)}
.check{display:flex;gap:.6rem;align-items:flex-start;font-weight:400;margin:1rem 0}
.check input{width:1.25rem;height:1.25rem;margin:.15rem 0 0;flex:none}
.hint{color:var(--muted);font-size:.9rem}
.error{background:var(--badbg);color:var(--bad);border-radius:8px;padding:.75rem .9rem;margin:.75rem 0}
.who{color:var(--ok);font-weight:600}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:1.25rem}
button{font:inherit;font-weight:600;padding:.7rem 1.2rem;border-radius:8px;border:1px solid var(--accent);cursor:pointer;min-height:44px}
button.primary{background:var(--accent);color:var(--card)}
button.secondary{background:transparent;color:var(--accent)}
a{color:var(--accent)}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
`;
const STYLE_HASH = `'sha256-${createHash("sha256").update(STYLE).digest("base64")}'`;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

interface PageOptions {
  title: string;
  body: string;
  /** Where the page's forms may go besides this server (the client's redirect, for the last step). */
  formTarget?: string;
  status?: number;
}

export function sendPage(res: Response, o: PageOptions): void {
  const formAction = ["'self'", ...(o.formTarget ? [formActionSource(o.formTarget)] : [])].join(" ");
  res.setHeader(
    "Content-Security-Policy",
    `default-src 'none'; style-src ${STYLE_HASH}; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
  );
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cache-Control", "no-store");
  // Same-origin only: the form posts carry an Origin this server checks; the redirect to the
  // client (with the code) and links to DevRev carry no referrer.
  res.setHeader("Referrer-Policy", "same-origin");
  res
    .status(o.status ?? 200)
    .type("html")
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="same-origin"><title>${escapeHtml(o.title)} · DevRev MCP</title><style>${STYLE}</style></head><body><main><div class="card">${o.body}</div></main></body></html>`,
    );
}

export interface ConsentView {
  clientName: string;
  redirectUri: string;
  clientKind: "metadata-document" | "registered";
  clientId: string;
  offered: readonly string[];
  writeAllowedByServer: boolean;
  destructiveAllowedByServer: boolean;
  serverHost: string;
}

function clientFacts(v: ConsentView): string {
  const source =
    v.clientKind === "metadata-document"
      ? `published at ${escapeHtml(new URL(v.clientId).host)}`
      : "registered itself with this server";
  return `<dl><dt>App</dt><dd><strong>${escapeHtml(v.clientName)}</strong> (${source})</dd><dt>Sends you back to</dt><dd>${escapeHtml(redirectLabel(v.redirectUri))}</dd><dt>Server</dt><dd>${escapeHtml(v.serverHost)}</dd></dl>`;
}

function hidden(name: string, value: string): string {
  return `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
}

/** Step 1: who is asking, for what; paste a PAT. */
export function sendTokenForm(
  res: Response,
  v: ConsentView,
  txn: string,
  error?: string,
  askedWrite = false,
): void {
  const canWrite = v.writeAllowedByServer && v.offered.includes(WRITE_SCOPE);
  const write = canWrite
    ? `<label class="check"><input type="checkbox" name="write" value="on"${askedWrite ? " checked" : ""}><span>Also let it <strong>make changes</strong> in DevRev as you (create and update work items, comments, articles and more).${v.destructiveAllowedByServer ? " This server also allows deleting." : " Deleting stays off on this server."}</span></label>`
    : `<p class="hint">${v.writeAllowedByServer ? "The app asked for read access only." : "This server is read-only: the app can only read."}</p>`;
  sendPage(res, {
    title: "Connect to DevRev",
    status: error ? 400 : 200,
    // Cancel redirects to the client straight from this form (CSP form-action covers redirects).
    formTarget: v.redirectUri,
    body: `<h1>${escapeHtml(v.clientName)} wants to use DevRev as you</h1>${clientFacts(v)}
<p>By default it may only <strong>read</strong> what you can see in DevRev.</p>
${error ? `<div class="error" role="alert" id="problem">${escapeHtml(error)}</div>` : ""}
<form method="post" action="/oauth/authorize">${hidden("txn", txn)}
<label for="pat">Your DevRev personal access token</label>
<input type="password" id="pat" name="pat" required autofocus autocomplete="off" spellcheck="false" autocapitalize="off" maxlength="4096" aria-describedby="pat-help${error ? " problem" : ""}">
<p class="hint" id="pat-help">Create one in <a href="${DEVREV_APP_URL}" target="_blank" rel="noopener noreferrer">DevRev</a> under Settings → Account → Personal Access Token (<a href="${PAT_HELP_URL}" target="_blank" rel="noopener noreferrer">how</a>). It is checked with DevRev now and then kept only inside the app's encrypted tokens, never stored by this server.</p>
${write}
<div class="actions"><button class="primary" type="submit" name="step" value="check">Check token</button><button class="secondary" type="submit" name="step" value="deny" formnovalidate>Cancel</button></div>
</form>`,
  });
}

export interface ConfirmView extends ConsentView {
  displayName: string | undefined;
  email: string | undefined;
  granted: readonly string[];
}

/** Step 2: who they are and exactly what the app will be able to do; allow or cancel. */
export function sendConfirm(res: Response, v: ConfirmView, approval: string): void {
  const writes = v.granted.includes(WRITE_SCOPE);
  const can = [
    "Read work items, tickets, issues, conversations, accounts, articles and everything else you can see in DevRev",
    ...(writes ? ["Create and update records in DevRev as you"] : []),
    ...(writes && v.destructiveAllowedByServer
      ? ["Delete records in DevRev as you (this server allows deleting)"]
      : []),
  ];
  const cannot = [
    ...(writes ? [] : ["Make any change in DevRev"]),
    ...(v.destructiveAllowedByServer && writes ? [] : ["Delete anything"]),
    "Do anything your own DevRev account cannot",
  ];
  const who = [v.displayName, v.email ? `(${v.email})` : undefined].filter(Boolean).join(" ");
  sendPage(res, {
    title: "Allow access?",
    formTarget: v.redirectUri,
    body: `<h1>Allow ${escapeHtml(v.clientName)} to use DevRev as you?</h1>
<p>DevRev accepted the token: you are <span class="who">${escapeHtml(who || "a DevRev user")}</span>.</p>
${clientFacts(v)}
<h2>It will be able to</h2><ul>${can.map((c) => `<li>${escapeHtml(c)}</li>`).join("")}</ul>
<h2>It will not be able to</h2><ul>${cannot.map((c) => `<li>${escapeHtml(c)}</li>`).join("")}</ul>
<p class="hint">Access lasts until you revoke the token in DevRev (Settings → Account → Personal Access Token) or the token expires; the app renews its access about every hour.</p>
<form method="post" action="/oauth/authorize">${hidden("approval", approval)}
<div class="actions"><button class="primary" type="submit" name="step" value="allow" autofocus>Allow</button><button class="secondary" type="submit" name="step" value="deny">Cancel</button></div>
</form>`,
  });
}

/** A problem that cannot go back to the app (unknown client, wrong redirect): explained here. */
export function sendProblem(res: Response, status: number, title: string, message: string): void {
  sendPage(res, {
    title,
    status,
    body: `<h1>${escapeHtml(title)}</h1><div class="error" role="alert">${escapeHtml(message)}</div><p class="hint">Nothing was shared with the app. Close this page and start the connection again from your app.</p>`,
  });
}
