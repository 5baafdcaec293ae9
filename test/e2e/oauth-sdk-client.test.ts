import { join } from "node:path";
import { auth, type OAuthClientProvider } from "@modelcontextprotocol/sdk/client/auth.js";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from "@modelcontextprotocol/sdk/shared/auth.js";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artifactDir, launchChromium } from "../support/browser.js";
import { startCallbackServer } from "../support/callback-server.js";
import { startHttpsDocs } from "../support/https-server.js";
import { startTestServer, type TestServer, textOf } from "../support/mcp-server.js";
import { oauthEnv } from "../support/oauth.js";

// The TypeScript SDK client's own OAuth flow against the OAuth door: discovery from the 401,
// registration (a Client ID Metadata Document, then dynamic registration), PKCE, the consent page
// in Chromium, the token exchange, tool calls as the person who consented, a refresh, and a
// refused refresh once DevRev revokes the PAT. (The v1 client, 1.32: the server still speaks the
// 2025 protocol era until the v2 migration lands.)

let server: TestServer;
let browser: Browser;
let callback: Awaited<ReturnType<typeof startCallbackServer>>;
let docs: Awaited<ReturnType<typeof startHttpsDocs>>;
const shots = artifactDir("oauth-sdk");

class BrowserProvider implements OAuthClientProvider {
  info: OAuthClientInformationMixed | undefined;
  saved: OAuthTokens | undefined;
  verifier = "";
  pending: URL | undefined;
  constructor(
    readonly name: string,
    readonly clientMetadataUrl?: string,
  ) {}
  get redirectUrl() {
    return callback.url;
  }
  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: this.name,
      redirect_uris: [callback.url],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
    };
  }
  clientInformation() {
    return this.info;
  }
  saveClientInformation(info: OAuthClientInformationMixed) {
    this.info = info;
  }
  tokens() {
    return this.saved;
  }
  saveTokens(tokens: OAuthTokens) {
    this.saved = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.pending = url;
  }
  saveCodeVerifier(v: string) {
    this.verifier = v;
  }
  codeVerifier() {
    return this.verifier;
  }
  invalidateCredentials(scope: "all" | "client" | "tokens" | "verifier" | "discovery") {
    if (scope === "all" || scope === "tokens") this.saved = undefined;
  }
}

beforeAll(async () => {
  callback = await startCallbackServer();
  docs = await startHttpsDocs((origin) => ({
    "/client.json": {
      client_id: `${origin}/client.json`,
      client_name: "Metadata Document Client",
      redirect_uris: [callback.url],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
    },
  }));
  // Only this test's code can let the metadata fetch reach 127.0.0.1 and trust its certificate.
  server = await startTestServer(oauthEnv(), {
    hooks: { clientMetadataFetch: { addressAllowed: () => true, ca: docs.ca } },
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await docs?.close();
  await callback?.close();
});

const door = () => new URL("/oauth/mcp", server.origin);

/** The person's part, in Chromium: paste the PAT, optionally allow changes, then Allow. */
async function consentInBrowser(url: URL, pat: string, shot: string, write = false): Promise<string> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url.href);
  await page.fill("#pat", pat);
  if (write) await page.check('input[name="write"]');
  await page.screenshot({ path: join(shots, `${shot}-consent.png`), fullPage: true });
  await Promise.all([page.waitForEvent("load"), page.click('button[value="check"]')]);
  await page.screenshot({ path: join(shots, `${shot}-confirm.png`), fullPage: true });
  const [back] = await Promise.all([callback.next(), page.click('button[value="allow"]')]);
  await context.close();
  const code = back.searchParams.get("code");
  if (!code) throw new Error(`no code came back: ${back.href}`);
  return code;
}

async function connect(provider: BrowserProvider): Promise<Client> {
  const client = new Client({ name: "oauth-e2e", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(door(), { authProvider: provider }));
  return client;
}

async function authorize(provider: BrowserProvider, pat: string, shot: string, write = false) {
  const transport = new StreamableHTTPClientTransport(door(), { authProvider: provider });
  const client = new Client({ name: "oauth-e2e", version: "1.0.0" });
  await expect(client.connect(transport)).rejects.toThrow(/Unauthorized/i);
  expect(provider.pending, "the SDK sent the person to the authorization endpoint").toBeDefined();
  const url = provider.pending as URL;
  expect(url.origin + url.pathname).toBe(`${server.origin}/oauth/authorize`);
  expect(url.searchParams.get("code_challenge_method")).toBe("S256");
  expect(url.searchParams.get("resource")).toBe(door().href);
  await transport.finishAuth(await consentInBrowser(url, pat, shot, write));
  expect(provider.saved?.access_token).toBeTruthy();
}

describe("the SDK client's OAuth flow", () => {
  it("registers by Client ID Metadata Document, consents in the browser, and calls tools as that user", async () => {
    const provider = new BrowserProvider("Metadata Document Client", `${docs.origin}/client.json`);
    await authorize(provider, "sandbox-bob", "cimd");
    expect(provider.info?.client_id).toBe(`${docs.origin}/client.json`);
    expect(docs.hits).toContain("/client.json");
    const client = await connect(provider);
    const { tools } = await client.listTools();
    expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
    const who = await client.callTool({ name: "devrev_whoami", arguments: {} });
    expect(textOf(who)).toContain("bob@acme.test");
    await client.close();
  });

  it("registers dynamically, refreshes, and is refused a refresh once the PAT is revoked", async () => {
    const provider = new BrowserProvider("Dynamic Client");
    await authorize(provider, "sandbox-alice", "dcr", true);
    expect(provider.info?.client_id).toMatch(/^eyJ/);
    expect(provider.saved?.scope).toBe("devrev:read devrev:write");
    const client = await connect(provider);
    const { tools } = await client.listTools();
    expect(tools.some((t) => t.annotations?.readOnlyHint !== true)).toBe(true);
    expect(textOf(await client.callTool({ name: "devrev_whoami", arguments: {} }))).toContain(
      "alice@acme.test",
    );
    await client.close();

    // Refresh: the SDK exchanges its refresh token and gets a rotated pair.
    const before = provider.saved;
    expect(await auth(provider, { serverUrl: door() })).toBe("AUTHORIZED");
    expect(provider.saved?.refresh_token).not.toBe(before?.refresh_token);
    const again = await connect(provider);
    expect(textOf(await again.callTool({ name: "devrev_whoami", arguments: {} }))).toContain(
      "alice@acme.test",
    );
    await again.close();

    // Revoked in DevRev: the refresh is refused and the SDK has to send the person back to consent.
    server.sandbox.state.revokeToken("sandbox-alice");
    provider.pending = undefined;
    expect(await auth(provider, { serverUrl: door() })).toBe("REDIRECT");
    expect(provider.pending).toBeDefined();
    const refusals = server
      .logRecords()
      .map((r) => r.audit as Record<string, unknown> | undefined)
      .filter((a) => a?.event === "oauth.refresh" && a.outcome === "denied");
    expect(refusals.map((a) => a?.reason)).toContain("token_revoked");
    expect(server.logs.join("\n")).not.toContain("sandbox-alice");
  });
});
