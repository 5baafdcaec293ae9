import { mcpAuthMetadataRouter } from "@modelcontextprotocol/express";
import type { OAuthMetadata } from "@modelcontextprotocol/server";
import type { RequestHandler } from "express";
import type { OAuthContext } from "./context.js";
import { SCOPES_SUPPORTED } from "./scopes.js";

// RFC 8414 authorization-server metadata at the origin and RFC 9728 protected-resource metadata
// for /oauth/mcp only (path-aware). Nothing describes /mcp: a Bearer-PAT client that probes
// /.well-known/oauth-protected-resource[/mcp] finds nothing and keeps sending its header.

export function authorizationServerMetadata(ctx: OAuthContext): OAuthMetadata {
  const base = ctx.issuer();
  return {
    issuer: base,
    authorization_endpoint: `${base}/oauth/authorize`,
    token_endpoint: `${base}/oauth/token`,
    registration_endpoint: `${base}/oauth/register`,
    response_types_supported: ["code"],
    response_modes_supported: ["query"],
    grant_types_supported: ["authorization_code", "refresh_token"],
    code_challenge_methods_supported: ["S256"],
    token_endpoint_auth_methods_supported: ["none", "client_secret_post", "client_secret_basic"],
    scopes_supported: [...SCOPES_SUPPORTED],
    authorization_response_iss_parameter_supported: true,
    client_id_metadata_document_supported: true,
  };
}

/** The SDK's metadata router, built on first use (the public URL may only be known after listen). */
export function metadataRoutes(ctx: OAuthContext): RequestHandler {
  let router: RequestHandler | undefined;
  return (req, res, next) => {
    if (!req.path.startsWith("/.well-known/")) return next();
    router ??= mcpAuthMetadataRouter({
      oauthMetadata: authorizationServerMetadata(ctx),
      resourceServerUrl: ctx.resourceUrl(),
      scopesSupported: [...SCOPES_SUPPORTED],
      resourceName: "DevRev (OAuth)",
    });
    router(req, res, next);
  };
}
