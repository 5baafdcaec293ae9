import {
  type AuthInfo,
  bearerAuthChallengeResponse,
  getOAuthProtectedResourceMetadataUrl,
  OAuthError,
  OAuthErrorCode,
  verifyBearerToken,
} from "@modelcontextprotocol/server";
import type { RequestHandler } from "express";
import type { Authenticator } from "../auth/types.js";
import { authMiddleware } from "../http/auth-middleware.js";
import type { FailedAuthLimiter } from "../http/rate-limit.js";
import { requestState } from "../http/request-state.js";
import type { Auditor } from "../log/audit.js";
import type { OAuthContext } from "./context.js";
import { openAccess } from "./grants.js";
import { narrowingFor } from "./scopes.js";

// The resource-server side of /oauth/mcp. The access token must be one of ours, unexpired, for
// this resource (RFC 8707 audience), checked with the SDK's bearer verification; it then unwraps
// to the PAT, which goes through the same devrev-pat authenticator as /mcp (cache, allow-lists,
// revocation), and its scope narrows the surface. A raw PAT is not an access token here: no
// passthrough of tokens this server did not issue.

interface PatAuthInfo extends AuthInfo {
  extra: { pat: string };
}

export function oauthDoorGuards(
  ctx: OAuthContext,
  auth: Authenticator,
  auditor: Auditor,
  failures?: FailedAuthLimiter,
): RequestHandler[] {
  const metadataUrl = () => getOAuthProtectedResourceMetadataUrl(ctx.resourceUrl());
  const verifier = {
    async verifyAccessToken(token: string): Promise<AuthInfo> {
      const p = await openAccess(ctx.keys, token, ctx.nowSeconds());
      if (!p) {
        throw new OAuthError(
          OAuthErrorCode.InvalidToken,
          "The access token is invalid or expired; refresh it or authorize again",
        );
      }
      const info: PatAuthInfo = {
        token,
        clientId: p.cid,
        scopes: p.scope,
        expiresAt: p.exp,
        resource: new URL(p.aud),
        extra: { pat: p.pat },
      };
      return info;
    },
  };

  const bearer: RequestHandler = async (req, res, next) => {
    const options = { verifier, expectedResource: ctx.resourceUrl(), resourceMetadataUrl: metadataUrl() };
    try {
      req.auth = await verifyBearerToken(req.headers.authorization, options);
      next();
    } catch (error) {
      failures?.recordFailure(req);
      auditor.record(
        {
          event: "auth.failure",
          outcome: "denied",
          reason: "invalid_oauth_token",
          auth_mode: "oauth",
          client_ip: req.ip,
          user_agent: req.headers["user-agent"]?.slice(0, 200),
        },
        requestState(req).logger,
      );
      const answer = bearerAuthChallengeResponse(error, options);
      const challenge = answer.headers.get("WWW-Authenticate");
      if (challenge) res.setHeader("WWW-Authenticate", challenge);
      res
        .status(answer.status)
        .type("application/json")
        .send(await answer.text());
    }
  };

  const pat = authMiddleware(auth, auditor, failures, {
    credentials: (req) => `Bearer ${(req.auth as PatAuthInfo).extra.pat}`,
    challengeParams: () => [`resource_metadata="${metadataUrl()}"`],
  });

  const scope: RequestHandler = (req, _res, next) => {
    requestState(req).grantNarrowing = narrowingFor(req.auth?.scopes ?? []);
    next();
  };
  return [bearer, pat, scope];
}
