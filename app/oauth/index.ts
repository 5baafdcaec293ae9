import { type RequestHandler, Router } from "express";
import { authorizeRoutes } from "./authorize.js";
import { OAUTH_RESOURCE_PATH, type OAuthContext, type OAuthOptions, oauthContext } from "./context.js";
import { oauthDoorGuards } from "./door.js";
import { metadataRoutes } from "./metadata.js";
import { registerRoutes } from "./register-endpoint.js";
import { tokenRoutes } from "./token-endpoint.js";

export { OAUTH_RESOURCE_PATH, type OAuthOptions } from "./context.js";

export interface OAuthServer {
  /** Discovery, registration, consent and token endpoints: mount before the MCP routes. */
  routes: Router;
  /** Guards for POST /oauth/mcp, in place of the Bearer-PAT authentication of /mcp. */
  doorGuards: RequestHandler[];
  context: OAuthContext;
}

/** The authorization server and the resource-server checks of the OAuth door, for one app. */
export function createOAuthServer(options: OAuthOptions): OAuthServer {
  const ctx = oauthContext(options);
  const routes = Router();
  routes.use(metadataRoutes(ctx));
  routes.use(registerRoutes(ctx));
  routes.use(authorizeRoutes(ctx));
  routes.use(tokenRoutes(ctx));
  return {
    routes,
    doorGuards: oauthDoorGuards(ctx, options.auth, options.auditor, options.failures),
    context: ctx,
  };
}

export const OAUTH_MCP_PATHS = [OAUTH_RESOURCE_PATH];
