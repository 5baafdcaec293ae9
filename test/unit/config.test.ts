import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, loadSandboxFaults } from "../../app/config/config.js";

function problems(env: Record<string, string>, cli = {}): string[] {
  try {
    loadConfig(env, cli);
  } catch (err) {
    if (err instanceof ConfigError) return [...err.problems];
    throw err;
  }
  return [];
}

const http = { MCP_TRANSPORT: "streamable-http" };

describe("configuration", () => {
  it("has safe defaults", () => {
    const c = loadConfig({ ...http });
    expect(c.host).toBe("127.0.0.1");
    expect(c.port).toBe(8080);
    expect(c.auth.mode).toBe("devrev-pat");
    expect(c.auth.cacheTtlSeconds).toBe(300);
    expect(c.devrev.baseUrl).toBe("https://api.devrev.ai");
    expect(c.rateLimit.perIdentityRpm).toBe(120);
    expect(c.tools.destructive).toBe(false);
    expect(c.tools.beta).toBe(true);
    expect(c.tools.toolsets).toEqual(["default"]);
    expect(c.http.trustProxyHops).toBe(0);
    expect(Object.isFrozen(c.auth)).toBe(true);
  });

  it("honours PORT as Cloud Run sets it, with MCP_PORT winning", () => {
    expect(loadConfig({ ...http, PORT: "9090" }).port).toBe(9090);
    expect(loadConfig({ ...http, PORT: "9090", MCP_PORT: "7070" }).port).toBe(7070);
  });

  it("trusts exactly what Google's front end appends on Cloud Run (client, then its own) unless told otherwise", () => {
    expect(loadConfig({ ...http, K_SERVICE: "devrev-mcp" }).http.trustProxyHops).toBe(2);
    expect(
      loadConfig({ ...http, K_SERVICE: "devrev-mcp", MCP_TRUST_PROXY_HOPS: "1" }).http.trustProxyHops,
    ).toBe(1);
  });

  it("names the variable, the problem and the accepted form", () => {
    expect(problems({ ...http, MCP_PORT: "http" })).toEqual([
      'MCP_PORT: "http" is not an integer from 1 to 65535',
    ]);
    expect(problems({ MCP_TRANSPORT: "sse" })).toEqual([
      'MCP_TRANSPORT: "sse" is not one of stdio | streamable-http',
    ]);
    expect(problems({ ...http, MCP_READ_ONLY: "maybe" })[0]).toBe(
      'MCP_READ_ONLY: "maybe" is not a boolean; use true or false',
    );
    expect(problems({ ...http, DEVREV_API_BASE_URL: "ftp://x" })[0]).toMatch(
      /^DEVREV_API_BASE_URL: .* must be an http\(s\) URL/,
    );
    expect(problems({ ...http, MCP_LOG_LEVEL: "loud" })[0]).toMatch(
      /^MCP_LOG_LEVEL: "loud" is not one of debug \| info \| warning \| error/,
    );
  });

  it("reports every problem at once", () => {
    expect(
      problems({ ...http, MCP_PORT: "0", MCP_RATE_LIMIT_RPM: "-1", MCP_AUTH_MODE: "basic" }),
    ).toHaveLength(3);
  });

  it("requires a DevRev token for stdio unless the sandbox is used", () => {
    expect(problems({ MCP_TRANSPORT: "stdio" })[0]).toMatch(
      /^DEVREV_API_TOKEN: required for the stdio transport/,
    );
    expect(problems({ MCP_TRANSPORT: "stdio" }, { sandbox: true })).toEqual([]);
  });

  it("requires both tokens for static-token mode", () => {
    const p = problems({ ...http, MCP_AUTH_MODE: "static-token" });
    expect(p.some((m) => m.startsWith("MCP_AUTH_TOKEN: required"))).toBe(true);
    expect(p.some((m) => m.startsWith("DEVREV_API_TOKEN: required"))).toBe(true);
    expect(
      problems({ ...http, MCP_AUTH_MODE: "static-token", MCP_AUTH_TOKEN: "short", DEVREV_API_TOKEN: "x" })[0],
    ).toMatch(/at least 32/);
  });

  it("refuses auth mode none off loopback", () => {
    expect(
      problems({ ...http, MCP_AUTH_MODE: "none", DEVREV_API_TOKEN: "t", MCP_HOST: "0.0.0.0" })[0],
    ).toMatch(/^MCP_AUTH_MODE: "none" is only allowed on a loopback host/);
    expect(problems({ ...http, MCP_AUTH_MODE: "none", DEVREV_API_TOKEN: "t", MCP_HOST: "::1" })).toEqual([]);
  });

  it("reads lists as CSV or JSON, normalising domains", () => {
    expect(
      loadConfig({ ...http, MCP_AUTH_ALLOWED_DOMAINS: "@Acme.test, example.com" }).auth.allowedDomains,
    ).toEqual(["acme.test", "example.com"]);
    expect(loadConfig({ ...http, MCP_AUTH_ALLOWED_DOMAINS: '["@ACME.test"]' }).auth.allowedDomains).toEqual([
      "acme.test",
    ]);
    expect(problems({ ...http, MCP_AUTH_ALLOWED_DOMAINS: "[oops" })[0]).toMatch(
      /^MCP_AUTH_ALLOWED_DOMAINS: starts with \[/,
    );
  });

  it("lets the command line win over the environment", () => {
    const c = loadConfig(
      { MCP_TRANSPORT: "stdio", MCP_PORT: "1234" },
      { transport: "streamable-http", port: 4321 },
    );
    expect(c.transport).toBe("streamable-http");
    expect(c.port).toBe(4321);
  });
  it("reports unknown toolsets and bad fault specs with every other problem, cross-checks included", () => {
    const found = problems({
      ...http,
      MCP_TOOLSETS: "works,wrks",
      MCP_PORT: "http",
      SANDBOX_FAULTS: "429:2",
      MCP_AUTH_MODE: "static-token",
    });
    expect(found).toEqual([
      'MCP_PORT: "http" is not an integer from 1 to 65535',
      expect.stringMatching(/^MCP_TOOLSETS: unknown toolset\(s\) wrks; use default, all, or any of .*works/),
      expect.stringMatching(/^SANDBOX_FAULTS: invalid fault '429:2'/),
      "MCP_AUTH_TOKEN: required when MCP_AUTH_MODE=static-token (the shared Bearer token)",
      "DEVREV_API_TOKEN: required when MCP_AUTH_MODE=static-token (DevRev calls use it)",
    ]);
  });

  it("leaves the cross-checks until the variables they relate are well-formed", () => {
    // A mistyped transport would otherwise read as stdio and ask for a token nobody needs.
    expect(problems({ MCP_TRANSPORT: "http", MCP_TOOLSETS: "nope" })).toEqual([
      'MCP_TRANSPORT: "http" is not one of stdio | streamable-http',
      expect.stringMatching(/^MCP_TOOLSETS: unknown toolset\(s\) nope;/),
    ]);
  });

  it("permits everything by default, and what MCP_TOOLSETS names when only it is set", () => {
    expect(loadConfig({ ...http }).tools).toMatchObject({
      toolsets: ["default"],
      permittedToolsets: ["all"],
    });
    // Choosing MCP_TOOLSETS alone keeps bounding what may be called: an upgrade never widens it.
    expect(loadConfig({ ...http, MCP_TOOLSETS: "works,links" }).tools.permittedToolsets).toEqual([
      "works",
      "links",
    ]);
    expect(
      loadConfig({ ...http, MCP_TOOLSETS: "works", MCP_PERMITTED_TOOLSETS: "all" }).tools.permittedToolsets,
    ).toEqual(["all"]);
  });

  it("reads the settings that used to come from process.env elsewhere", () => {
    const c = loadConfig({ ...http, GOOGLE_CLOUD_PROJECT: " acme-prod ", SANDBOX_FAULTS: "500:0.1" });
    expect(c.projectId).toBe("acme-prod");
    expect(c.sandbox.faults).toBe("500:0.1");
    expect(loadConfig({ ...http }).projectId).toBeUndefined();
    expect(loadSandboxFaults({ SANDBOX_FAULTS: "lost:0.05@works.create", MCP_PORT: "bad" })).toBe(
      "lost:0.05@works.create",
    );
    expect(() => loadSandboxFaults({ SANDBOX_FAULTS: "boom:1" })).toThrow(ConfigError);
  });
});
