import express, { type Request, type Response, Router } from "express";
import { digest } from "./authorize.js";
import { type Client, ClientError, clientSecretValid } from "./clients.js";
import type { OAuthContext } from "./context.js";
import { CODE_SECONDS, grantOf, issueTokens, openCode, openRefresh, s256 } from "./grants.js";
import { narrowScopes } from "./scopes.js";

// POST /oauth/token: the authorization_code grant (PKCE S256, exact redirect_uri, single-use
// code) and the refresh_token grant, which re-checks the PAT with DevRev (so a revoked PAT stops
// here at the latest) and rotates the refresh token.

const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

class TokenError extends Error {
  constructor(
    readonly error: string,
    message: string,
    readonly status = 400,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function tokenRoutes(ctx: OAuthContext): Router {
  const router = Router();
  router.post(
    "/oauth/token",
    express.urlencoded({ extended: false, limit: "16kb", parameterLimit: 20 }),
    express.json({ limit: "16kb" }),
    (req, res, next) => {
      exchange(ctx, req, res).catch((err) => {
        if (!(err instanceof TokenError)) return next(err);
        if (err.status !== 503) ctx.recordFailure?.(req);
        for (const [k, v] of Object.entries(err.headers)) res.setHeader(k, v);
        res.status(err.status).json({ error: err.error, error_description: err.message });
      });
    },
  );
  router.all("/oauth/token", (_req, res) => {
    res.setHeader("Allow", "POST");
    res.status(405).json({ error: "invalid_request", error_description: "use POST" });
  });
  return router;
}

async function exchange(ctx: OAuthContext, req: Request, res: Response): Promise<void> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const field = (name: string) => (typeof body[name] === "string" ? (body[name] as string) : undefined);
  const grantType = field("grant_type");
  const resource = field("resource");
  if (resource !== undefined && !ctx.isOurResource(resource)) {
    throw new TokenError("invalid_target", `this server issues tokens only for ${ctx.resourceUrl().href}`);
  }
  const client = await authenticateClient(ctx, req, field);
  const audit = (
    event: "oauth.grant" | "oauth.refresh",
    outcome: "success" | "denied" | "error",
    extra: Record<string, string | undefined>,
  ) =>
    ctx.audit(req, {
      event,
      outcome,
      client: client.name,
      client_id_hash: digest(client.clientId),
      ...extra,
    });

  if (grantType === "authorization_code") {
    const code = await openCode(ctx.keys, field("code") ?? "", ctx.nowSeconds());
    const refuse = (reason: string, message: string) => {
      audit("oauth.grant", "denied", { reason });
      return new TokenError("invalid_grant", message);
    };
    if (!code) throw refuse("invalid_code", "the authorization code is invalid or expired; authorize again");
    if (code.cid !== client.clientId)
      throw refuse("client_mismatch", "the code was issued to another client");
    if (field("redirect_uri") !== code.redirect_uri) {
      throw refuse(
        "redirect_uri_mismatch",
        "redirect_uri must be exactly the one of the authorization request",
      );
    }
    const verifier = field("code_verifier");
    if (!verifier || !VERIFIER.test(verifier) || s256(verifier) !== code.code_challenge) {
      throw refuse("pkce_failed", "code_verifier does not match the code_challenge (PKCE S256)");
    }
    if (resource !== undefined && !ctx.isOurResource(code.aud))
      throw refuse("invalid_target", "resource mismatch");
    if (!ctx.spent.spend(`code:${code.jti}`, CODE_SECONDS)) {
      throw refuse("code_reused", "the authorization code was already used; authorize again");
    }
    const tokens = await issueTokens(ctx.keys, grantOf(code), ctx.nowSeconds());
    audit("oauth.grant", "success", {
      user_id: code.sub,
      token_hash: ctx.tokenHash(code.pat),
      scope: tokens.scope,
    });
    res.json(tokens);
    return;
  }

  if (grantType === "refresh_token") {
    const presented = await openRefresh(ctx.keys, field("refresh_token") ?? "", ctx.nowSeconds());
    const refuse = (reason: string, message: string, extra: Record<string, string | undefined> = {}) => {
      audit("oauth.refresh", "denied", { reason, ...extra });
      return new TokenError("invalid_grant", message);
    };
    if (!presented)
      throw refuse("invalid_refresh_token", "the refresh token is invalid or expired; authorize again");
    if (presented.cid !== client.clientId)
      throw refuse("client_mismatch", "the refresh token was issued to another client");
    const scope = narrowScopes(presented.scope, field("scope"));
    if (!scope)
      throw new TokenError("invalid_scope", "a refresh cannot add scopes; authorize again for more");
    const patHash = ctx.tokenHash(presented.pat);
    const ttl = presented.exp - ctx.nowSeconds();
    const spentId = `refresh:${presented.jti}`;
    if (!ctx.spent.spend(spentId, ttl)) {
      throw refuse(
        "refresh_token_reused",
        "this refresh token was already used; use the newest one or authorize again",
        { token_hash: patHash },
      );
    }
    // Always ask DevRev, not the cache: this is where a revoked PAT ends the grant.
    ctx.auth.invalidate(patHash);
    const outcome = await ctx.auth.authenticate(`Bearer ${presented.pat}`);
    if (!outcome.ok) {
      if (outcome.status === 503) {
        ctx.spent.forget(spentId);
        audit("oauth.refresh", "error", { reason: outcome.reason, token_hash: patHash });
        throw new TokenError("temporarily_unavailable", outcome.message, 503, {
          "Retry-After": String(outcome.retryAfterSeconds ?? 5),
        });
      }
      throw refuse(
        outcome.reason,
        `DevRev no longer accepts the personal access token behind this grant (${outcome.reason}); authorize again with a valid token`,
        { token_hash: patHash, user_id: presented.sub },
      );
    }
    const tokens = await issueTokens(ctx.keys, { ...grantOf(presented), scope }, ctx.nowSeconds());
    audit("oauth.refresh", "success", { user_id: presented.sub, token_hash: patHash, scope: tokens.scope });
    res.json(tokens);
    return;
  }
  throw new TokenError("unsupported_grant_type", "use grant_type authorization_code or refresh_token");
}

/** RFC 6749 §2.3: public clients name themselves; confidential ones also prove their secret. */
async function authenticateClient(
  ctx: OAuthContext,
  req: Request,
  field: (n: string) => string | undefined,
): Promise<Client> {
  let id = field("client_id");
  let secret = field("client_secret");
  const basic = req.get("authorization");
  if (basic?.toLowerCase().startsWith("basic ")) {
    const decoded = Buffer.from(basic.slice(6).trim(), "base64").toString("utf8");
    const i = decoded.indexOf(":");
    if (i < 0)
      throw new TokenError("invalid_client", "malformed Basic credentials", 401, {
        "WWW-Authenticate": 'Basic realm="devrev-mcp"',
      });
    id = decodeURIComponent(decoded.slice(0, i));
    secret = decodeURIComponent(decoded.slice(i + 1));
  }
  let client: Client;
  try {
    client = await ctx.resolveClient(id);
  } catch (err) {
    if (err instanceof ClientError) throw new TokenError("invalid_client", err.message, 401);
    throw err;
  }
  if (client.authMethod !== "none" && !clientSecretValid(ctx.keys, client.clientId, secret)) {
    throw new TokenError(
      "invalid_client",
      "client authentication failed",
      401,
      basic ? { "WWW-Authenticate": 'Basic realm="devrev-mcp"' } : {},
    );
  }
  return client;
}
