import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { isPublicAddress } from "../../app/oauth/address-guard.js";
import {
  checkClientIdUrl,
  createClientMetadataResolver,
  DEFAULT_FETCH_OPTIONS,
  parseClientMetadata,
  resolveAllowed,
} from "../../app/oauth/client-metadata.js";
import { register } from "../../app/oauth/clients.js";
import { keyRing } from "../../app/oauth/keys.js";
import { redirectUriProblem } from "../../app/oauth/redirect-uris.js";

describe("the address guard for client metadata fetches", () => {
  it.each([
    "127.0.0.1",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "::1",
    "::",
    "fe80::1",
    "fd00::1",
    "::ffff:127.0.0.1",
    "::ffff:a9fe:a9fe",
    "64:ff9b::a9fe:a9fe",
    "2002:7f00:1::",
    "not-an-ip",
  ])("refuses %s", (ip) => {
    expect(isPublicAddress(ip)).toBe(false);
  });

  it.each(["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])("allows %s", (ip) => {
    expect(isPublicAddress(ip)).toBe(true);
  });

  it("refuses a host when any of its addresses is private", async () => {
    await expect(resolveAllowed("localhost", isPublicAddress)).rejects.toThrow(
      /private, loopback or link-local/,
    );
    await expect(resolveAllowed("[::1]", isPublicAddress)).rejects.toThrow(/private/);
    await expect(resolveAllowed("169.254.169.254", isPublicAddress)).rejects.toThrow(/private/);
  });
});

describe("client_id URLs", () => {
  it("must be https with a path", () => {
    expect(() => checkClientIdUrl("http://client.example/meta.json")).toThrow(/must use https/);
    expect(() => checkClientIdUrl("https://client.example/")).toThrow(/must have a path/);
    expect(() => checkClientIdUrl("https://u:p@client.example/x")).toThrow(/credentials/);
    expect(checkClientIdUrl("https://client.example/meta.json").host).toBe("client.example");
  });

  it("are never fetched over plain http, even from a live server", async () => {
    let hits = 0;
    const srv = createServer((_req, res) => {
      hits++;
      res.end("{}");
    }).listen(0, "127.0.0.1");
    await new Promise((r) => srv.once("listening", r));
    const port = (srv.address() as AddressInfo).port;
    const resolve = createClientMetadataResolver({ ...DEFAULT_FETCH_OPTIONS, addressAllowed: () => true });
    await expect(resolve(`http://127.0.0.1:${port}/client.json`)).rejects.toThrow(/https/);
    srv.close();
    expect(hits).toBe(0);
  });

  it("are not fetched from loopback with the production rule", async () => {
    const resolve = createClientMetadataResolver();
    await expect(resolve("https://127.0.0.1:9/client.json")).rejects.toThrow(
      /private, loopback or link-local/,
    );
    await expect(resolve("https://localhost:9/client.json")).rejects.toThrow(
      /private, loopback or link-local/,
    );
  });
});

describe("client metadata documents", () => {
  const id = "https://app.example/oauth/client.json";
  it("must name themselves with the URL they came from and list valid redirect URIs", () => {
    expect(() => parseClientMetadata(id, "not json")).toThrow(/not JSON/);
    expect(() =>
      parseClientMetadata(
        id,
        JSON.stringify({
          client_id: "https://other.example/c.json",
          redirect_uris: ["https://app.example/cb"],
        }),
      ),
    ).toThrow(/client_id is not the URL/);
    expect(() =>
      parseClientMetadata(id, JSON.stringify({ client_id: id, redirect_uris: ["javascript:alert(1)"] })),
    ).toThrow(/scheme/);
    expect(() =>
      parseClientMetadata(
        id,
        JSON.stringify({
          client_id: id,
          redirect_uris: ["https://app.example/cb"],
          token_endpoint_auth_method: "private_key_jwt",
        }),
      ),
    ).toThrow(/not supported/);
    expect(
      parseClientMetadata(
        id,
        JSON.stringify({ client_id: id, client_name: "App", redirect_uris: ["https://app.example/cb"] }),
      ),
    ).toEqual({
      clientId: id,
      name: "App",
      redirectUris: ["https://app.example/cb"],
    });
  });
});

describe("redirect URIs", () => {
  it("allow https, loopback http and app schemes; refuse the rest", () => {
    for (const ok of [
      "https://claude.ai/api/mcp/auth_callback",
      "http://127.0.0.1:33418/cb",
      "http://localhost:8080/",
      "cursor://anysphere.cursor-mcp/oauth/callback",
    ]) {
      expect(redirectUriProblem(ok), ok).toBeUndefined();
    }
    for (const bad of [
      "http://evil.example/cb",
      "https://a.example/cb#frag",
      "javascript:alert(1)",
      "data:text/html,x",
      "relative/path",
      "",
    ]) {
      expect(redirectUriProblem(bad), bad).toBeDefined();
    }
  });
});

describe("dynamic registration (RFC 7591)", () => {
  const keys = keyRing([new Uint8Array(32).fill(3)]);
  it("refuses bad metadata with the RFC's error codes", async () => {
    expect(await register(keys, { client_name: "x", redirect_uris: [] }, 1)).toMatchObject({
      ok: false,
      error: "invalid_redirect_uri",
    });
    expect(
      await register(keys, { client_name: "x", redirect_uris: ["http://evil.example/cb"] }, 1),
    ).toMatchObject({
      ok: false,
      error: "invalid_redirect_uri",
    });
    expect(
      await register(
        keys,
        { client_name: "x", redirect_uris: ["https://a.example/cb"], grant_types: ["client_credentials"] },
        1,
      ),
    ).toMatchObject({
      ok: false,
      error: "invalid_client_metadata",
    });
    expect(await register(keys, { redirect_uris: ["https://a.example/cb"] }, 1)).toMatchObject({
      ok: false,
      error: "invalid_client_metadata",
    });
  });

  it("issues a client secret only to confidential clients", async () => {
    const pub = await register(keys, { client_name: "p", redirect_uris: ["https://a.example/cb"] }, 1);
    const conf = await register(
      keys,
      {
        client_name: "c",
        redirect_uris: ["https://a.example/cb"],
        token_endpoint_auth_method: "client_secret_post",
      },
      1,
    );
    expect(pub.ok && "client_secret" in pub.body).toBe(false);
    expect(conf.ok && typeof (conf.body as { client_secret?: string }).client_secret).toBe("string");
  });
});
