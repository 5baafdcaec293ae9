import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/mcp-server.js";
import {
  authorizeUrl,
  consent,
  hiddenField,
  oauthEnv,
  openConsent,
  pkce,
  postConsent,
  REDIRECT,
  registerClient,
  token,
} from "../support/oauth.js";
import { INIT, messagesOf, post, rpc } from "../support/rpc.js";

// The OAuth door end to end over plain HTTP: registration, consent, code, tokens, the MCP calls
// they allow, refresh rotation, and a refused refresh once DevRev revokes the PAT.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(oauthEnv({ MCP_AUTH_CACHE_TTL_SECONDS: "3600" }));
});
afterAll(() => server?.close());

const resource = () => `${server.origin}/oauth/mcp`;

async function grant(pat: string, options: { write?: boolean; scope?: string } = {}) {
  const reg = await registerClient(server.origin);
  expect(reg.status).toBe(201);
  const clientId = reg.body.client_id as string;
  const { verifier, challenge } = pkce();
  const back = await consent(
    server.origin,
    authorizeUrl(server.origin, {
      client_id: clientId,
      redirect_uri: REDIRECT,
      code_challenge: challenge,
      state: "st-123",
      resource: resource(),
      ...(options.scope ? { scope: options.scope } : {}),
    }),
    pat,
    options,
  );
  expect(back.origin + back.pathname).toBe(REDIRECT);
  expect(back.searchParams.get("state")).toBe("st-123");
  expect(back.searchParams.get("iss")).toBe(server.origin);
  const tokens = await token(server.origin, {
    grant_type: "authorization_code",
    code: back.searchParams.get("code") ?? "",
    code_verifier: verifier,
    redirect_uri: REDIRECT,
    client_id: clientId,
    resource: resource(),
  });
  expect(tokens.status).toBe(200);
  return {
    clientId,
    tokens: tokens.body as { access_token: string; refresh_token: string; scope: string; token_type: string },
  };
}

const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });

type ListedTool = { name: string; annotations?: { readOnlyHint?: boolean; destructiveHint?: boolean } };
function toolsOf(res: Awaited<ReturnType<typeof post>>): ListedTool[] {
  const result = messagesOf(res)[0]?.result as { tools?: ListedTool[] } | undefined;
  return result?.tools ?? [];
}

describe("discovery", () => {
  it("describes /oauth/mcp (RFC 9728) and the authorization server (RFC 8414)", async () => {
    const prm = await fetch(`${server.origin}/.well-known/oauth-protected-resource/oauth/mcp`);
    expect(prm.status).toBe(200);
    expect(await prm.json()).toMatchObject({
      resource: resource(),
      authorization_servers: [server.origin],
      scopes_supported: ["devrev:read", "devrev:write"],
    });
    const as = (await (
      await fetch(`${server.origin}/.well-known/oauth-authorization-server`)
    ).json()) as Record<string, unknown>;
    expect(as).toMatchObject({
      issuer: server.origin,
      authorization_endpoint: `${server.origin}/oauth/authorize`,
      token_endpoint: `${server.origin}/oauth/token`,
      registration_endpoint: `${server.origin}/oauth/register`,
      code_challenge_methods_supported: ["S256"],
      client_id_metadata_document_supported: true,
    });
  });

  it("answers an unauthenticated /oauth/mcp with a challenge naming the metadata", async () => {
    const res = await post(server.origin, "/oauth/mcp", INIT);
    expect(res.status).toBe(401);
    expect(res.headers["www-authenticate"]).toContain(
      `resource_metadata="${server.origin}/.well-known/oauth-protected-resource/oauth/mcp"`,
    );
  });

  it("does not take a raw PAT at /oauth/mcp (no passthrough)", async () => {
    const res = await post(server.origin, "/oauth/mcp", INIT, bearer("sandbox-alice"));
    expect(res.status).toBe(401);
    expect(res.headers["www-authenticate"]).toMatch(/error="invalid_token"/);
  });
});

describe("header clients on /mcp", () => {
  it("keep plain Bearer-PAT behaviour, with no OAuth discovery for /mcp", async () => {
    const ok = await post(server.origin, "/mcp", INIT, bearer("sandbox-alice"));
    expect(ok.status).toBe(200);
    const bad = await post(server.origin, "/mcp", INIT, bearer("not-a-pat"));
    expect(bad.status).toBe(401);
    expect(bad.headers["www-authenticate"]).toBe(
      'Bearer realm="devrev-mcp", error="invalid_token", error_description="invalid_token"',
    );
    for (const path of [
      "/.well-known/oauth-protected-resource",
      "/.well-known/oauth-protected-resource/mcp",
    ]) {
      expect((await fetch(`${server.origin}${path}`)).status, path).toBe(404);
    }
  });

  it("do not get in with an OAuth access token (it is not a DevRev PAT)", async () => {
    const { tokens } = await grant("sandbox-alice");
    const res = await post(server.origin, "/mcp", INIT, bearer(tokens.access_token));
    expect(res.status).toBe(401);
  });
});

describe("a read grant", () => {
  it("lists only read tools and calls them as the person who consented", async () => {
    const { tokens } = await grant("sandbox-bob");
    expect(tokens).toMatchObject({ token_type: "Bearer", expires_in: 3600, scope: "devrev:read" });
    const list = await post(server.origin, "/oauth/mcp", rpc(1, "tools/list"), bearer(tokens.access_token));
    expect(list.status).toBe(200);
    const tools = toolsOf(list);
    expect(tools.length).toBeGreaterThan(3);
    expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
    const who = await post(
      server.origin,
      "/oauth/mcp",
      rpc(2, "tools/call", { name: "devrev_whoami", arguments: {} }),
      bearer(tokens.access_token),
    );
    expect(messagesOf(who)[0]).toMatchObject({ result: { structuredContent: { email: "bob@acme.test" } } });
    // The grant narrows what may be called, so devrev_call_tool runs no write either.
    expect(tools.map((t) => t.name)).toContain("devrev_call_tool");
    const link = await post(
      server.origin,
      "/oauth/mcp",
      rpc(3, "tools/call", {
        name: "devrev_call_tool",
        arguments: {
          name: "devrev_links_create",
          arguments: { source: "TKT-13", target: "ISS-1", link_type: "is_related_to" },
        },
      }),
      bearer(tokens.access_token),
    );
    expect(messagesOf(link)[0]).toMatchObject({
      result: {
        isError: true,
        content: [{ text: expect.stringMatching(/devrev_links_create is not available: .*read-only/) }],
      },
    });
  });
});

describe("a write grant", () => {
  it("adds write tools only when ticked on the consent page", async () => {
    const { tokens } = await grant("sandbox-alice", { write: true });
    expect(tokens.scope).toBe("devrev:read devrev:write");
    const list = await post(server.origin, "/oauth/mcp", rpc(1, "tools/list"), bearer(tokens.access_token));
    const tools = toolsOf(list);
    expect(tools.some((t) => t.annotations?.readOnlyHint !== true)).toBe(true);
    // The operator's switch is off: no destructive tool, whatever the grant says.
    expect(tools.some((t) => t.annotations?.destructiveHint === true)).toBe(false);
  });
});

describe("the token endpoint", () => {
  it("refuses a wrong PKCE verifier, a reused code and a code for another redirect", async () => {
    const reg = await registerClient(server.origin);
    const clientId = reg.body.client_id as string;
    const { verifier, challenge } = pkce();
    const back = await consent(
      server.origin,
      authorizeUrl(server.origin, { client_id: clientId, redirect_uri: REDIRECT, code_challenge: challenge }),
      "sandbox-alice",
    );
    const code = back.searchParams.get("code") ?? "";
    const base = { grant_type: "authorization_code", code, client_id: clientId, redirect_uri: REDIRECT };
    expect((await token(server.origin, { ...base, code_verifier: pkce().verifier })).body.error).toBe(
      "invalid_grant",
    );
    expect(
      (
        await token(server.origin, {
          ...base,
          redirect_uri: "http://127.0.0.1:9/other",
          code_verifier: verifier,
        })
      ).body.error,
    ).toBe("invalid_grant");
    expect(
      (
        await token(server.origin, {
          ...base,
          resource: "https://elsewhere.example/mcp",
          code_verifier: verifier,
        })
      ).body.error,
    ).toBe("invalid_target");
    expect((await token(server.origin, { ...base, code_verifier: verifier })).status).toBe(200);
    expect((await token(server.origin, { ...base, code_verifier: verifier })).body.error).toBe(
      "invalid_grant",
    );
  });

  it("rotates refresh tokens and refuses a spent one", async () => {
    const { clientId, tokens } = await grant("sandbox-alice");
    const first = await token(server.origin, {
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token,
      client_id: clientId,
    });
    expect(first.status).toBe(200);
    expect(first.body.refresh_token).not.toBe(tokens.refresh_token);
    const again = await token(server.origin, {
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token,
      client_id: clientId,
    });
    expect(again.body.error).toBe("invalid_grant");
    const ok = await post(server.origin, "/oauth/mcp", INIT, bearer(first.body.access_token as string));
    expect(ok.status).toBe(200);
  });

  it("refuses a refresh, and then the access token, once the PAT is revoked in DevRev", async () => {
    const { clientId, tokens } = await grant("sandbox-bob");
    expect((await post(server.origin, "/oauth/mcp", INIT, bearer(tokens.access_token))).status).toBe(200);
    server.sandbox.state.revokeToken("sandbox-bob");
    const refused = await token(server.origin, {
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token,
      client_id: clientId,
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: "invalid_grant" });
    expect(String(refused.body.error_description)).toContain("token_revoked");
    // The refresh asked DevRev, so the identity cache no longer vouches for the PAT either.
    const after = await post(server.origin, "/oauth/mcp", INIT, bearer(tokens.access_token));
    expect(after.status).toBe(401);
    expect(after.headers["www-authenticate"]).toContain("resource_metadata=");
    const refusal = server
      .logRecords()
      .map((r) => r.audit as Record<string, unknown> | undefined)
      .find((a) => a?.event === "oauth.refresh" && a.outcome === "denied" && a.reason === "token_revoked");
    expect(refusal?.token_hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe("the consent form", () => {
  it("refuses a post without the page's CSRF cookie or from another origin", async () => {
    const reg = await registerClient(server.origin);
    const page = await openConsent(
      authorizeUrl(server.origin, {
        client_id: reg.body.client_id as string,
        redirect_uri: REDIRECT,
        code_challenge: pkce().challenge,
      }),
    );
    const txn = hiddenField(page.html, "txn") ?? "";
    expect(
      (await postConsent(server.origin, { txn, step: "check", pat: "sandbox-alice" }, undefined)).status,
    ).toBe(403);
    expect(
      (
        await postConsent(server.origin, { txn, step: "check", pat: "sandbox-alice" }, page.cookie, {
          origin: "https://evil.example",
        })
      ).status,
    ).toBe(403);
  });

  it("explains a refused PAT on the page and issues nothing", async () => {
    const reg = await registerClient(server.origin);
    const page = await openConsent(
      authorizeUrl(server.origin, {
        client_id: reg.body.client_id as string,
        redirect_uri: REDIRECT,
        code_challenge: pkce().challenge,
      }),
    );
    const refused = await postConsent(
      server.origin,
      { txn: hiddenField(page.html, "txn") ?? "", step: "check", pat: "wrong-pat" },
      page.cookie,
    );
    expect(refused.status).toBe(400);
    expect(refused.html).toContain("DevRev did not accept this token");
    expect(refused.html).not.toContain("wrong-pat");
    expect(hiddenField(refused.html, "approval")).toBeUndefined();
  });

  it("never redirects to an unregistered redirect_uri", async () => {
    const reg = await registerClient(server.origin);
    const page = await openConsent(
      authorizeUrl(server.origin, {
        client_id: reg.body.client_id as string,
        redirect_uri: "https://attacker.example/cb",
        code_challenge: pkce().challenge,
      }),
    );
    expect(page.status).toBe(400);
    expect(page.location).toBeUndefined();
    expect(page.html).toContain("did not register");
  });

  it("sends a missing PKCE challenge back to the client as invalid_request", async () => {
    const reg = await registerClient(server.origin);
    const page = await openConsent(
      `${authorizeUrl(server.origin, { client_id: reg.body.client_id as string, redirect_uri: REDIRECT, state: "s1" })}`.replace(
        "&code_challenge_method=S256",
        "",
      ),
    );
    expect(page.status).toBe(303);
    const back = new URL(page.location ?? "");
    expect(back.searchParams.get("error")).toBe("invalid_request");
    expect(back.searchParams.get("state")).toBe("s1");
  });
});

describe("logs", () => {
  it("record grants by hash and never a token", async () => {
    const { tokens } = await grant("sandbox-alice");
    const lines = server.logs.join("\n");
    expect(lines).not.toContain("sandbox-alice");
    expect(lines).not.toContain(tokens.access_token);
    expect(lines).not.toContain(tokens.refresh_token);
    const events = server
      .logRecords()
      .map((r) => (r.audit as { event?: string } | undefined)?.event)
      .filter(Boolean);
    expect(events).toEqual(
      expect.arrayContaining(["oauth.register", "oauth.consent", "oauth.grant", "oauth.refresh"]),
    );
  });
});
