import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import {
  ClientMetadataError,
  type createClientMetadataResolver,
  isMetadataDocumentId,
} from "./client-metadata.js";
import { sign, verify } from "./envelope.js";
import type { KeyRing } from "./keys.js";
import { redirectUriProblem } from "./redirect-uris.js";

// Two ways to be a client, neither stored: a Client ID Metadata Document (the client_id is an https
// URL) or RFC 7591 dynamic registration, where the client_id is itself the signed registration.

export type AuthMethod = "none" | "client_secret_post" | "client_secret_basic";

export interface Client {
  clientId: string;
  name: string;
  redirectUris: readonly string[];
  authMethod: AuthMethod;
  kind: "metadata-document" | "registered";
}

/** What a registered client_id holds (JWS payload). Short keys: it travels in every request. */
interface RegistrationRecord {
  v: 1;
  n: string;
  r: string[];
  m: AuthMethod;
  iat: number;
}

export class ClientError extends Error {
  override name = "ClientError";
}

export type ClientResolver = (clientId: unknown) => Promise<Client>;

export function createClientResolver(
  keys: KeyRing,
  fetchMetadata: ReturnType<typeof createClientMetadataResolver>,
): ClientResolver {
  return async (clientId) => {
    if (typeof clientId !== "string" || clientId === "") throw new ClientError("client_id is missing");
    if (isMetadataDocumentId(clientId)) {
      try {
        const doc = await fetchMetadata(clientId);
        return { ...doc, authMethod: "none", kind: "metadata-document" };
      } catch (err) {
        if (err instanceof ClientMetadataError) throw new ClientError(err.message);
        throw err;
      }
    }
    const record = await verify<RegistrationRecord>(keys, clientId);
    if (record?.v !== 1 || !Array.isArray(record.r)) {
      throw new ClientError(
        "this client_id was not issued by this server (or its key was retired); register the client again",
      );
    }
    return { clientId, name: record.n, redirectUris: record.r, authMethod: record.m, kind: "registered" };
  };
}

export interface RegistrationRequest {
  redirect_uris?: unknown;
  client_name?: unknown;
  token_endpoint_auth_method?: unknown;
  grant_types?: unknown;
  response_types?: unknown;
}

const AUTH_METHODS: readonly AuthMethod[] = ["none", "client_secret_post", "client_secret_basic"];

/** RFC 7591 §3.2: validates the metadata and answers with the signed client_id (and a secret if asked). */
export async function register(keys: KeyRing, body: RegistrationRequest, nowSeconds: number) {
  const problem = (field: string, message: string) => ({
    ok: false as const,
    error: field === "redirect_uris" ? "invalid_redirect_uri" : "invalid_client_metadata",
    error_description: `${field}: ${message}`,
  });
  const uris = body.redirect_uris;
  if (!Array.isArray(uris) || uris.length === 0 || uris.length > 10) {
    return problem("redirect_uris", "give 1 to 10 redirect URIs");
  }
  for (const uri of uris) {
    const p = redirectUriProblem(uri);
    if (p) return problem("redirect_uris", p);
  }
  const method = (body.token_endpoint_auth_method ?? "none") as AuthMethod;
  if (!AUTH_METHODS.includes(method)) {
    return problem("token_endpoint_auth_method", `use one of ${AUTH_METHODS.join(", ")}`);
  }
  const grants = body.grant_types ?? ["authorization_code", "refresh_token"];
  if (!Array.isArray(grants) || grants.some((g) => g !== "authorization_code" && g !== "refresh_token")) {
    return problem("grant_types", "only authorization_code and refresh_token are supported");
  }
  const responses = body.response_types ?? ["code"];
  if (!Array.isArray(responses) || responses.some((r) => r !== "code")) {
    return problem("response_types", 'only "code" is supported');
  }
  const name =
    typeof body.client_name === "string" && body.client_name.trim()
      ? body.client_name.trim().slice(0, 100)
      : undefined;
  if (!name) return problem("client_name", "a name is required: the consent page shows it to the person");
  const record: RegistrationRecord = { v: 1, n: name, r: uris as string[], m: method, iat: nowSeconds };
  const clientId = await sign(keys, record);
  return {
    ok: true as const,
    body: {
      client_id: clientId,
      client_id_issued_at: nowSeconds,
      ...(method === "none"
        ? {}
        : { client_secret: clientSecret(keys.current.signing, clientId), client_secret_expires_at: 0 }),
      client_name: name,
      redirect_uris: uris,
      token_endpoint_auth_method: method,
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
    },
  };
}

/** A confidential client's secret is derived from its id, so nothing needs storing. */
function clientSecret(signingKey: Uint8Array, clientId: string): string {
  return createHmac("sha256", signingKey).update(`client-secret:${clientId}`).digest("base64url");
}

/** Checks a presented secret against every key (a rotation keeps registered clients working). */
export function clientSecretValid(keys: KeyRing, clientId: string, presented: unknown): boolean {
  if (typeof presented !== "string" || presented.length > 200) return false;
  const given = createHash("sha256").update(presented).digest();
  return keys.all.some((k) =>
    timingSafeEqual(given, createHash("sha256").update(clientSecret(k.signing, clientId)).digest()),
  );
}
