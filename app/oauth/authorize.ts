import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import express, { type Request, type RequestHandler, type Response, Router } from "express";
import { ClientError } from "./clients.js";
import { type ConsentView, sendConfirm, sendProblem, sendTokenForm } from "./consent-page.js";
import type { OAuthContext } from "./context.js";
import { open, type Sealed, seal } from "./envelope.js";
import { issueCode } from "./grants.js";
import { grantedScopes, READ_SCOPE, requestedScopes } from "./scopes.js";

// GET /oauth/authorize checks the request and shows the consent page; POST walks it: "check"
// validates the pasted PAT with DevRev and shows who the person is, "allow" issues the code and
// redirects to the client, "deny" tells the client no. The state between steps travels in sealed
// form fields bound to a CSRF cookie, so nothing is stored.

const CSRF_COOKIE = "devrev_mcp_csrf";
const CONSENT_SECONDS = 15 * 60;
const APPROVAL_SECONDS = 10 * 60;
const MAX_STATE_CHARS = 1_000;
const CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

interface ConsentState extends Sealed {
  cid: string;
  ru: string;
  st?: string;
  cc: string;
  off: string[];
  aud: string;
  csrf: string;
}

interface ApprovalState extends ConsentState {
  pat: string;
  sub: string;
  email?: string;
  name?: string;
  scope: string[];
}

export function authorizeRoutes(ctx: OAuthContext): Router {
  const router = Router();
  router.get("/oauth/authorize", (req, res, next) => void start(ctx, req, res).catch(next));
  router.post(
    "/oauth/authorize",
    express.urlencoded({ extended: false, limit: "16kb", parameterLimit: 20 }),
    sameOriginForm(ctx),
    (req, res, next) => void step(ctx, req, res).catch(next),
  );
  return router;
}

function view(
  ctx: OAuthContext,
  client: { name: string; kind: ConsentView["clientKind"] },
  s: ConsentState,
): ConsentView {
  return {
    clientName: client.name,
    clientKind: client.kind,
    clientId: s.cid,
    redirectUri: s.ru,
    offered: s.off,
    writeAllowedByServer: ctx.writeAllowed,
    destructiveAllowedByServer: ctx.destructiveAllowed,
    serverHost: ctx.publicUrl().host,
  };
}

async function start(ctx: OAuthContext, req: Request, res: Response): Promise<void> {
  const q = req.query as Record<string, unknown>;
  const single = (name: string) => (typeof q[name] === "string" ? (q[name] as string) : undefined);
  let client: Awaited<ReturnType<OAuthContext["resolveClient"]>>;
  try {
    client = await ctx.resolveClient(single("client_id"));
  } catch (err) {
    if (!(err instanceof ClientError)) throw err;
    ctx.audit(req, { event: "oauth.authorize", outcome: "denied", reason: "invalid_client" });
    sendProblem(
      res,
      400,
      "This app cannot connect",
      `The app's identity could not be checked: ${err.message}.`,
    );
    return;
  }
  // Until the redirect URI is known to be the client's, no error may be sent there (open redirect).
  const asked = single("redirect_uri");
  const redirectUri = asked ?? (client.redirectUris.length === 1 ? client.redirectUris[0] : undefined);
  if (!redirectUri || !client.redirectUris.includes(redirectUri)) {
    ctx.audit(req, {
      event: "oauth.authorize",
      outcome: "denied",
      reason: "redirect_uri_mismatch",
      client: client.name,
    });
    sendProblem(
      res,
      400,
      "This app cannot connect",
      asked
        ? `The app asked to return to an address it did not register (${asked.slice(0, 200)}).`
        : "The app did not say where to return to (redirect_uri).",
    );
    return;
  }
  const state = single("state");
  const back = (error: string, description: string) => {
    ctx.audit(req, { event: "oauth.authorize", outcome: "denied", reason: error, client: client.name });
    redirectToClient(res, ctx, redirectUri, {
      error,
      error_description: description,
      ...(state ? { state } : {}),
    });
  };
  if (single("response_type") !== "code")
    return back("unsupported_response_type", 'only response_type "code" is supported');
  const challenge = single("code_challenge");
  if (single("code_challenge_method") !== "S256" || !challenge || !CHALLENGE.test(challenge)) {
    return back("invalid_request", "PKCE is required: send code_challenge with code_challenge_method=S256");
  }
  if (state !== undefined && state.length > MAX_STATE_CHARS)
    return back("invalid_request", "state is too long");
  const resource = q.resource;
  if (resource !== undefined && (typeof resource !== "string" || !ctx.isOurResource(resource))) {
    return back("invalid_target", `this server issues tokens only for ${ctx.resourceUrl().href}`);
  }
  const offered = requestedScopes(single("scope"));
  const csrf = csrfCookie(req, res, ctx);
  const s: ConsentState = {
    cid: client.clientId,
    ru: redirectUri,
    ...(state !== undefined ? { st: state } : {}),
    cc: challenge,
    off: offered.length ? offered : [READ_SCOPE],
    aud: ctx.resourceUrl().href,
    csrf: digest(csrf),
    exp: ctx.nowSeconds() + CONSENT_SECONDS,
  };
  sendTokenForm(res, view(ctx, client, s), await seal(ctx.keys, "consent", s));
}

async function step(ctx: OAuthContext, req: Request, res: Response): Promise<void> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const field = (name: string) => (typeof body[name] === "string" ? (body[name] as string) : undefined);
  const action = field("step");
  const sealed = field("approval") ?? field("txn");
  const kind = field("approval") !== undefined ? "approval" : "consent";
  const s = sealed ? await open<ApprovalState>(ctx.keys, kind, sealed, ctx.nowSeconds()) : undefined;
  if (!s) {
    sendProblem(
      res,
      400,
      "This page has expired",
      "The sign-in page is older than 15 minutes or was changed. Start again from your app.",
    );
    return;
  }
  if (!csrfMatches(req, s.csrf)) {
    ctx.audit(req, { event: "oauth.consent", outcome: "denied", reason: "csrf" });
    sendProblem(
      res,
      403,
      "This page could not be verified",
      "The form did not come from the page this server showed you (or cookies are blocked for this site). Start again from your app.",
    );
    return;
  }
  const client = await ctx.resolveClient(s.cid).catch((err) => {
    if (err instanceof ClientError) return undefined;
    throw err;
  });
  if (!client) {
    sendProblem(
      res,
      400,
      "This app cannot connect",
      "The app's identity could no longer be checked. Start again from your app.",
    );
    return;
  }
  const v = view(ctx, client, s);
  if (action === "deny") {
    ctx.audit(req, {
      event: "oauth.consent",
      outcome: "denied",
      reason: "access_denied",
      client: client.name,
      user_id: s.sub,
    });
    redirectToClient(res, ctx, s.ru, {
      error: "access_denied",
      error_description: "the person cancelled",
      ...(s.st !== undefined ? { state: s.st } : {}),
    });
    return;
  }
  if (kind === "consent" && action === "check") {
    const pat = (field("pat") ?? "").trim();
    const wantsWrite = field("write") === "on";
    if (!pat)
      return sendTokenForm(
        res,
        v,
        sealed as string,
        "Paste your DevRev personal access token first.",
        wantsWrite,
      );
    if (pat.length > 4_096 || /\s/.test(pat)) {
      return sendTokenForm(
        res,
        v,
        sealed as string,
        "That does not look like a DevRev personal access token (it has spaces or is far too long).",
        wantsWrite,
      );
    }
    // A fresh answer from DevRev, not the cache: the person is deciding on what it says now.
    ctx.auth.invalidate(ctx.tokenHash(pat));
    const outcome = await ctx.auth.authenticate(`Bearer ${pat}`);
    if (!outcome.ok) {
      ctx.audit(req, {
        event: "oauth.consent",
        outcome: outcome.status === 503 ? "error" : "denied",
        reason: outcome.reason,
        client: client.name,
        token_hash: outcome.tokenHash,
        email: outcome.identity?.email,
      });
      if (outcome.status !== 503) ctx.recordFailure?.(req);
      return sendTokenForm(res, v, sealed as string, refusalText(outcome), wantsWrite);
    }
    const scope = ctx.writeAllowed ? grantedScopes(s.off, wantsWrite) : [READ_SCOPE];
    const approval: ApprovalState = {
      ...s,
      pat,
      sub: outcome.identity?.userId ?? "",
      ...(outcome.identity?.email ? { email: outcome.identity.email } : {}),
      ...(outcome.identity?.displayName ? { name: outcome.identity.displayName } : {}),
      scope,
      exp: ctx.nowSeconds() + APPROVAL_SECONDS,
    };
    sendConfirm(
      res,
      { ...v, displayName: approval.name, email: approval.email, granted: scope },
      await seal(ctx.keys, "approval", approval),
    );
    return;
  }
  if (kind === "approval" && action === "allow") {
    const code = await issueCode(
      ctx.keys,
      { pat: s.pat, cid: s.cid, aud: s.aud, scope: s.scope, sub: s.sub },
      s.ru,
      s.cc,
      ctx.nowSeconds(),
    );
    ctx.audit(req, {
      event: "oauth.consent",
      outcome: "success",
      client: client.name,
      client_id_hash: digest(s.cid),
      user_id: s.sub,
      email: s.email,
      token_hash: ctx.tokenHash(s.pat),
      scope: s.scope.join(" "),
    });
    redirectToClient(res, ctx, s.ru, { code, ...(s.st !== undefined ? { state: s.st } : {}) });
    return;
  }
  sendProblem(
    res,
    400,
    "Unexpected form",
    "The form was not one this page sends. Start again from your app.",
  );
}

function refusalText(outcome: { status: number; reason: string; message: string }): string {
  if (outcome.status === 503) {
    return "DevRev could not be reached to check your token, so nothing was shared. This is not a problem with your token: try again in a minute.";
  }
  // Allow-list refusals name the account and what the operator can change; show them as they are.
  if (outcome.status === 403) return outcome.message;
  if (outcome.reason === "token_revoked") {
    return "DevRev says this token has expired or was revoked. Create a new one in DevRev and paste it here.";
  }
  return "DevRev did not accept this token. Check that you copied the whole token and that it has not expired or been revoked.";
}

/** RFC 6749 §4.1.2 plus RFC 9207's iss, so a client talking to several servers knows who answered. */
function redirectToClient(
  res: Response,
  ctx: OAuthContext,
  redirectUri: string,
  params: Record<string, string>,
): void {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  url.searchParams.set("iss", ctx.issuer());
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("Referrer-Policy", "no-referrer");
  res.redirect(303, url.href);
}

/** The consent form is only ever posted by the page this server rendered: same origin, same site. */
function sameOriginForm(ctx: OAuthContext): RequestHandler {
  return (req, res, next) => {
    const site = req.get("sec-fetch-site");
    const origin = req.get("origin");
    // Browsers send Origin "null" when a referrer policy withholds it; Sec-Fetch-Site still says
    // where the form came from. Without either, only the CSRF cookie vouches for the form.
    const crossSite = site !== undefined && site !== "same-origin";
    const foreignOrigin =
      origin !== undefined &&
      (origin === "null" ? site !== "same-origin" : origin !== ctx.publicUrl().origin);
    if (crossSite || foreignOrigin) {
      ctx.audit(req, { event: "oauth.consent", outcome: "denied", reason: "cross_origin_form" });
      sendProblem(
        res,
        403,
        "This page could not be verified",
        "The form was sent from another site. Start again from your app.",
      );
      return;
    }
    next();
  };
}

function csrfCookie(req: Request, res: Response, ctx: OAuthContext): string {
  const existing = readCookie(req, CSRF_COOKIE);
  const value =
    existing && /^[A-Za-z0-9_-]{32}$/.test(existing) ? existing : randomBytes(24).toString("base64url");
  const secure = ctx.publicUrl().protocol === "https:" ? "; Secure" : "";
  res.append(
    "Set-Cookie",
    `${CSRF_COOKIE}=${value}; Path=/oauth/authorize; Max-Age=${CONSENT_SECONDS}; HttpOnly; SameSite=Strict${secure}`,
  );
  return value;
}

function csrfMatches(req: Request, expected: string): boolean {
  const value = readCookie(req, CSRF_COOKIE);
  if (!value) return false;
  const given = Buffer.from(digest(value));
  const want = Buffer.from(expected);
  return given.length === want.length && timingSafeEqual(given, want);
}

function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header || header.length > 8_192) return undefined;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

export function digest(value: string): string {
  return createHash("sha256").update(value).digest("base64url");
}
